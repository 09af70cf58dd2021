using System.Globalization;
using System.Text.RegularExpressions;
using Ancso.Ml.IO;

namespace Ancso.Ml.Embeddings.Local.Quantization;

/// <summary>
/// Only the <c>[CLS]</c> row of the encoder's output is read, and in a BERT encoder's last layer every row after the
/// attention's keys and values depends on its own row alone. So the last layer's query and residual read
/// <c>Slice(hidden, rows 0..1)</c>: the query, attention output, feed-forward and layer norms of that layer run on one row
/// instead of all, and <c>last_hidden_state</c> becomes [batch, 1, 384], the <c>[CLS]</c> rows unchanged. Applied only
/// when the graph has the shape of a Hugging Face BERT export (node names <c>/encoder/layer.N/attention/self/query/MatMul</c>
/// and <c>/encoder/layer.N/attention/output/Add</c> reading the same hidden state); otherwise the graph is left as it is.
/// </summary>
internal sealed partial record ClsRowPruning(OnnxNode Query, OnnxNode Residual, string Hidden)
{
    public string Row => Hidden + "_cls_row";

    private string[] SliceInputs => [Hidden, Row + "_starts", Row + "_ends", Row + "_axes"];

    public IEnumerable<string> NewNames => SliceInputs.Skip(1).Append(Row);

    public static ClsRowPruning? Find(IReadOnlyList<OnnxNode> nodes, IReadOnlyCollection<string> graphOutputs)
    {
        var layers = nodes.Select(n => LayerName().Match(n.Name)).Where(m => m.Success).ToList();
        if (layers.Count == 0)
        {
            return null;
        }

        var last = layers.Max(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture));
        var prefix = string.Create(CultureInfo.InvariantCulture, $"/encoder/layer.{last}/attention/");
        var query = nodes.SingleOrDefault(n => n.Name == prefix + "self/query/MatMul" && n.OpType == "MatMul" && n.Inputs.Length == 2);
        var residual = nodes.SingleOrDefault(n => n.Name == prefix + "output/Add" && n.OpType == "Add" && n.Inputs.Length == 2);
        if (query is null || residual is null || !residual.Inputs.Contains(query.Inputs[0]) || graphOutputs.Contains(query.Inputs[0]))
        {
            return null;
        }

        // Besides the query and the residual, only the keys and values (which need every row) may read the hidden state.
        var hidden = query.Inputs[0];
        var readers = nodes.Where(n => n.Inputs.Contains(hidden)).ToList();
        var others = readers.Where(n => n != query && n != residual).ToList();
        return others.Count == 2 && others.All(n => n.OpType == "MatMul" && n.Name.StartsWith(prefix + "self/", StringComparison.Ordinal))
            ? new ClsRowPruning(query, residual, hidden)
            : null;
    }

    /// <summary>Writes the <c>Slice</c> node that takes the first row of every sequence.</summary>
    public ProtoWriter SliceNode()
    {
        var node = new ProtoWriter();
        foreach (var input in SliceInputs)
        {
            node.String(1, input);
        }

        return node.String(2, Row).String(3, Row).String(4, "Slice");
    }

    /// <summary>Writes the Slice's starts [0], ends [1] and axes [1] (sequence axis).</summary>
    public void WriteInitializers(ProtoWriter graph)
    {
        foreach (var (name, value) in SliceInputs.Skip(1).Zip<string, long>([0, 1, 1]))
        {
            graph.Message(5, OnnxTensor.Write(name, [1], OnnxTensor.Int64, BitConverter.GetBytes(value)));
        }
    }

    /// <summary>Copies a node's fields, reading <see cref="Row"/> where it read the hidden state.</summary>
    public ProtoWriter ReadingTheRow(OnnxNode node)
    {
        var reader = new ProtoReader(node.Field.Span);
        reader.Next();
        var body = new ProtoReader(reader.ReadBytes());
        var result = new ProtoWriter();
        while (body.Next())
        {
            if (body.Field == 1 && body.WireType == 2)
            {
                var input = body.ReadString();
                result.String(1, input == Hidden ? Row : input);
            }
            else
            {
                result.Raw(body.SkipAndGetField());
            }
        }

        return result;
    }

    [GeneratedRegex(@"^/encoder/layer\.(\d+)/")]
    private static partial Regex LayerName();
}
