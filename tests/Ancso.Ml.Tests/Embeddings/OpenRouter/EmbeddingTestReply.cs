using System.Buffers.Binary;
using System.Net;
using System.Text;
using System.Text.Json;
using Ancso.Ml.Embeddings;

namespace Ancso.Ml.Tests.Embeddings.OpenRouter;

/// <summary>How the test server answers one request.</summary>
internal sealed class EmbeddingTestReply
{
    /// <summary>The dimension the server uses when a request does not name one.</summary>
    public const int DefaultDimension = 16;

    private readonly Func<HttpListenerResponse, RecordedRequest, CancellationToken, Task> _write;

    private EmbeddingTestReply(Func<HttpListenerResponse, RecordedRequest, CancellationToken, Task> write) => _write = write;

    /// <summary>The vector the server returns for a text: the offline hashing generator's, so tests know it exactly.</summary>
    public static float[] ExpectedVector(string text, int dimension)
    {
        using var generator = new HashingEmbeddingGenerator(dimension);
        var vector = new float[dimension];
        generator.Embed(text, vector);
        return vector;
    }

    /// <summary>
    /// Correct embeddings, listed in reverse order (each with its index), encoded as the request asked unless
    /// <paramref name="encoding"/> (<c>float</c> or <c>base64</c>) overrides it.
    /// </summary>
    public static EmbeddingTestReply Embeddings(string? encoding = null, int dimensionChange = 0, int countChange = 0, bool withIndex = true) =>
        new((response, request, cancellationToken) =>
        {
            var dimension = (request.Dimensions ?? DefaultDimension) + dimensionChange;
            var inputs = request.Inputs;
            var count = inputs.Length + countChange;
            var base64 = (encoding ?? request.EncodingFormat) == "base64";
            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteString("object", "list");
                writer.WriteStartArray("data");
                for (var i = count - 1; i >= 0; i--)
                {
                    var vector = ExpectedVector(inputs[Math.Min(i, inputs.Length - 1)], Math.Max(dimension, 8))[..dimension];
                    writer.WriteStartObject();
                    writer.WriteString("object", "embedding");
                    if (withIndex)
                    {
                        writer.WriteNumber("index", i);
                    }

                    writer.WritePropertyName("embedding");
                    if (base64)
                    {
                        var bytes = new byte[vector.Length * sizeof(float)];
                        for (var k = 0; k < vector.Length; k++)
                        {
                            BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(k * sizeof(float)), vector[k]);
                        }

                        writer.WriteStringValue(Convert.ToBase64String(bytes));
                    }
                    else
                    {
                        writer.WriteStartArray();
                        foreach (var x in vector)
                        {
                            writer.WriteNumberValue(x);
                        }

                        writer.WriteEndArray();
                    }

                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteString("model", request.Model);
                writer.WriteStartObject("usage");
                writer.WriteNumber("prompt_tokens", inputs.Length * 3);
                writer.WriteNumber("total_tokens", inputs.Length * 3);
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            return WriteAsync(response, 200, stream.ToArray(), [], cancellationToken);
        });

    /// <summary>A status with a body and headers.</summary>
    public static EmbeddingTestReply Status(int status, string body = "", params (string Name, string Value)[] headers) =>
        new((response, _, cancellationToken) => WriteAsync(response, status, Encoding.UTF8.GetBytes(body), headers, cancellationToken));

    /// <summary>200 with a body as given (malformed JSON, an error object).</summary>
    public static EmbeddingTestReply Body(string body) => Status(200, body);

    /// <summary>Correct embeddings after <paramref name="delay"/> (or never, if the server stops first).</summary>
    public static EmbeddingTestReply Slow(TimeSpan delay) =>
        new(async (response, request, cancellationToken) =>
        {
            await Task.Delay(delay, cancellationToken);
            await Embeddings().WriteAsync(response, request, cancellationToken);
        });

    public Task WriteAsync(HttpListenerResponse response, RecordedRequest request, CancellationToken cancellationToken) =>
        _write(response, request, cancellationToken);

    private static async Task WriteAsync(HttpListenerResponse response, int status, byte[] body, (string Name, string Value)[] headers, CancellationToken cancellationToken)
    {
        response.StatusCode = status;
        response.ContentType = "application/json";
        foreach (var (name, value) in headers)
        {
            response.Headers[name] = value;
        }

        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body, cancellationToken);
    }
}
