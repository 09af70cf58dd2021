using System.Buffers;
using System.Text.Json;

namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>Writes the body of an OpenAI-compatible <c>/embeddings</c> request.</summary>
internal static class OpenRouterEmbeddingRequest
{
    /// <summary>Serializes <c>{"model", "input": [...], "dimensions", "encoding_format"}</c> as UTF-8 JSON.</summary>
    /// <param name="model">The model.</param>
    /// <param name="inputs">The texts.</param>
    /// <param name="dimensions">The dimension to ask for, or <see langword="null"/> to leave the field out.</param>
    /// <param name="format">The encoding to ask for.</param>
    /// <returns>The body.</returns>
    public static byte[] Serialize(string model, IReadOnlyList<string> inputs, int? dimensions, EmbeddingEncodingFormat format)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (inputs.Count * 64));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("model", model);
            writer.WriteStartArray("input");
            foreach (var input in inputs)
            {
                writer.WriteStringValue(input);
            }

            writer.WriteEndArray();
            if (dimensions is { } d)
            {
                writer.WriteNumber("dimensions", d);
            }

            writer.WriteString("encoding_format", format == EmbeddingEncodingFormat.Base64 ? "base64" : "float");
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
