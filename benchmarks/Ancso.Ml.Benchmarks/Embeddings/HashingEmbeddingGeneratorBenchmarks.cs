using System.Text;
using Ancso.Ml.Embeddings;
using BenchmarkDotNet.Attributes;

namespace Ancso.Ml.Benchmarks.Embeddings;

/// <summary>
/// Throughput of the offline hashing generator on profile-like texts of 300 characters. Each benchmark embeds
/// <see cref="TextCount"/> texts, so the reported mean is the time per text; texts per second = 1e9 / mean (ns).
/// </summary>
[MemoryDiagnoser]
public class HashingEmbeddingGeneratorBenchmarks
{
    private const int TextCount = 256;
    private const int TextLength = 300;

    private static readonly string[] Words =
    [
        "Senior", "backend", "engineer", "building", "payment", "APIs", "in", "C#", "and", "Go", "led", "a", "team", "of",
        "8", "shipping", "Kubernetes", "platform", "cut", "latency", "by", "40%", "for", "2M", "users", "ASP.NET", "Core",
        "node.js", "C++", "open-source", "maintainer", "machine", "learning", "data", "pipelines", "PostgreSQL", "Azure",
        "AWS", "mentoring", "engineers", "startup", "founder", "scaled", "revenue", "to", "$5M", "ARR", "TypeScript",
        "React", "product", "design", "systems", "reliability", "observability", "Zürich", "Développeur", "à", "Paris",
        "Инженер", "программист", "東京の", "エンジニア", "🚀", "✨", "—", "|", "•",
    ];

    private readonly HashingEmbeddingGenerator _generator = new();
    private readonly float[] _destination = new float[HashingEmbeddingGenerator.DefaultDimension];
    private string[] _texts = [];

    /// <summary>Builds the texts from a fixed vocabulary with a seeded random source.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(20240601);
        _texts = new string[TextCount];
        var builder = new StringBuilder(TextLength + 32);
        for (var t = 0; t < TextCount; t++)
        {
            builder.Clear();
            while (builder.Length < TextLength)
            {
                builder.Append(Words[random.Next(Words.Length)]).Append(' ');
            }

            _texts[t] = builder.ToString(0, TextLength);
        }
    }

    /// <summary>Embeds each text into a reused buffer: the cost of the algorithm alone.</summary>
    [Benchmark(OperationsPerInvoke = TextCount)]
    public float Embed()
    {
        var sum = 0f;
        foreach (var text in _texts)
        {
            _generator.Embed(text, _destination);
            sum += _destination[0];
        }

        return sum;
    }

    /// <summary>Embeds all texts in one <c>GenerateAsync</c> call, as the feature builder does: one new vector per text.</summary>
    [Benchmark(OperationsPerInvoke = TextCount)]
    public async Task<int> GenerateAsync()
    {
        var result = await _generator.GenerateAsync(_texts);
        return result.Count;
    }
}
