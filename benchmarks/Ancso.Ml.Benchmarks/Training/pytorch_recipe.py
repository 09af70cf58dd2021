#!/usr/bin/python3
"""The original system's training recipe (train_ranker.py of the original guide), as the PyTorch baseline.

Benchmarking only, not part of CI. Reads dataset.jsonl as the exporter writes it (pair_id, a_id, b_id, label,
source, a_features, b_features), trains Linear(D+6->128) -> ReLU -> Dropout(0.2) -> Linear(128->64) -> ReLU ->
Linear(64->1) with MarginRankingLoss(margin=1) and Adam(lr=1e-3) in batches of 32, exports ONNX with
torch.onnx.export, writes ranker_metadata.json and active_model.json.

    OMP_NUM_THREADS=1 /usr/bin/python3 pytorch_recipe.py --input /tmp/x/dataset.jsonl --output /tmp/x/pt-models \
        --epochs 50 --batch-size 32
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn as nn


class Ranker(nn.Module):
    def __init__(self, inputs, hidden1=128, hidden2=64, dropout=0.2):
        super().__init__()
        self.shared = nn.Sequential(
            nn.Linear(inputs, hidden1), nn.ReLU(), nn.Dropout(dropout),
            nn.Linear(hidden1, hidden2), nn.ReLU())
        self.score = nn.Linear(hidden2, 1)

    def forward(self, x):
        return self.score(self.shared(x)).squeeze(-1)


def read_pairs(path):
    a, b, labels = [], [], []
    with open(path, "r", encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            pair = json.loads(line)
            a.append(pair["a_features"])
            b.append(pair["b_features"])
            labels.append(1.0 if pair["label"] > 0 else -1.0)
    return (torch.tensor(np.asarray(a, dtype=np.float32)), torch.tensor(np.asarray(b, dtype=np.float32)),
            torch.tensor(labels, dtype=torch.float32))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--input", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--epochs", type=int, default=50)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1e-3)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()

    started = time.perf_counter()
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    a, b, labels = read_pairs(args.input)
    read = time.perf_counter()

    model = Ranker(a.shape[1])
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    loss_fn = nn.MarginRankingLoss(margin=1.0)
    n = a.shape[0]
    for epoch in range(args.epochs):
        model.train()
        order = torch.randperm(n)
        total = 0.0
        for start in range(0, n, args.batch_size):
            index = order[start:start + args.batch_size]
            loss = loss_fn(model(a[index]), model(b[index]), labels[index])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(index)
        print(f"epoch {epoch + 1}/{args.epochs} loss {total / n:.4f}")
    trained = time.perf_counter()

    model.eval()
    os.makedirs(args.output, exist_ok=True)
    onnx_path = os.path.join(args.output, "ranker.onnx")
    torch.onnx.export(model, torch.zeros(1, a.shape[1]), onnx_path, input_names=["features"], output_names=["score"],
                      dynamic_axes={"features": {0: "batch"}, "score": {0: "batch"}}, opset_version=13)
    with open(os.path.join(args.output, "ranker_metadata.json"), "w", encoding="utf-8") as f:
        json.dump({"input_dim": int(a.shape[1]), "pairs": int(n), "epochs": args.epochs,
                   "batch_size": args.batch_size}, f, indent=2)
    with open(os.path.join(args.output, "active_model.json"), "w", encoding="utf-8") as f:
        json.dump({"model": "ranker.onnx", "metadata": "ranker_metadata.json"}, f, indent=2)
    print(f"read {read - started:.3f} s, train {trained - read:.3f} s, export {time.perf_counter() - trained:.3f} s")


if __name__ == "__main__":
    main()
