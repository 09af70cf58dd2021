using System.Buffers.Binary;
using System.Text.Json;

namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>
/// Reads the answer of an OpenAI-compatible <c>/embeddings</c> endpoint: <c>data[].embedding</c> as a float array or a
/// base64 string of little-endian float32, ordered by <c>data[].index</c>, and <c>usage</c>. Problems surface as
/// <see cref="FormatException"/> with a message naming them.
/// </summary>
internal static class OpenRouterEmbeddingResponse
{
    /// <summary>Reads the vectors of a successful answer.</summary>
    /// <param name="root">The answer's root element.</param>
    /// <param name="expectedCount">The number of inputs sent.</param>
    /// <param name="dimension">The dimension every vector must have.</param>
    /// <param name="usage">Receives the token usage the service reported, if any.</param>
    /// <returns>One vector per input, in input order.</returns>
    /// <exception cref="FormatException">The answer is not a valid embeddings response for the request.</exception>
    public static float[][] ReadVectors(JsonElement root, int expectedCount, int dimension, out UsageDetails? usage)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("data", out var data) || data.ValueKind != JsonValueKind.Array)
        {
            throw new FormatException("the answer has no 'data' array");
        }

        var count = data.GetArrayLength();
        if (count != expectedCount)
        {
            throw new FormatException($"it returned {count} embeddings for {expectedCount} inputs");
        }

        var vectors = new float[count][];
        var position = 0;
        foreach (var item in data.EnumerateArray())
        {
            var index = ReadIndex(item, position, count);
            if (vectors[index] is not null)
            {
                throw new FormatException($"index {index} appears twice in 'data'");
            }

            vectors[index] = ReadVector(item, index, dimension);
            position++;
        }

        usage = ReadUsage(root);
        return vectors;
    }

    /// <summary>Reads an error the service reported in an answer: <c>{"error": {"code": …, "message": …}}</c> or <c>{"error": "…"}</c>.</summary>
    /// <param name="root">The answer's root element.</param>
    /// <param name="code">Receives the numeric error code, if the service gave one.</param>
    /// <param name="message">Receives the service's message.</param>
    /// <returns><see langword="true"/> when the answer is an error.</returns>
    public static bool TryReadError(JsonElement root, out int? code, out string message)
    {
        code = null;
        message = string.Empty;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("error", out var error) || error.ValueKind is JsonValueKind.Null)
        {
            return false;
        }

        if (error.ValueKind == JsonValueKind.String)
        {
            message = error.GetString() ?? string.Empty;
            return true;
        }

        if (error.ValueKind == JsonValueKind.Object)
        {
            if (error.TryGetProperty("code", out var c))
            {
                code = c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n
                    : c.ValueKind == JsonValueKind.String && int.TryParse(c.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out n) ? n
                    : null;
            }

            if (error.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                message = m.GetString() ?? string.Empty;
            }
        }

        return true;
    }

    /// <summary>Extracts the human-readable message from the body of a failed request, or the body itself, shortened.</summary>
    /// <param name="body">The body; possibly empty or not JSON.</param>
    /// <returns>The message; empty when the body says nothing.</returns>
    public static string ReadErrorMessage(string body)
    {
        const int MaxLength = 500;
        var message = body.Trim();
        try
        {
            using var document = JsonDocument.Parse(body);
            if (TryReadError(document.RootElement, out _, out var fromError) && fromError.Length > 0)
            {
                message = fromError;
            }
            else if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                message = m.GetString() ?? message;
            }
        }
        catch (JsonException)
        {
            // Not JSON: the body itself is the message.
        }

        return message.Length <= MaxLength ? message : string.Concat(message.AsSpan(0, MaxLength), "…");
    }

    private static int ReadIndex(JsonElement item, int position, int count)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            throw new FormatException($"'data[{position}]' is not an object");
        }

        if (!item.TryGetProperty("index", out var indexElement))
        {
            return position;
        }

        if (indexElement.ValueKind != JsonValueKind.Number || !indexElement.TryGetInt32(out var index) || index < 0 || index >= count)
        {
            throw new FormatException($"'data[{position}].index' is {indexElement.GetRawText()}; expected a whole number from 0 to {count - 1}");
        }

        return index;
    }

    private static float[] ReadVector(JsonElement item, int index, int dimension)
    {
        if (!item.TryGetProperty("embedding", out var embedding))
        {
            throw new FormatException($"embedding {index} is missing");
        }

        float[] vector;
        if (embedding.ValueKind == JsonValueKind.Array)
        {
            CheckDimension(embedding.GetArrayLength(), index, dimension);
            vector = new float[dimension];
            var i = 0;
            foreach (var value in embedding.EnumerateArray())
            {
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetSingle(out vector[i]))
                {
                    throw new FormatException($"embedding {index} holds a non-number at position {i}");
                }

                i++;
            }
        }
        else if (embedding.ValueKind == JsonValueKind.String)
        {
            if (!embedding.TryGetBytesFromBase64(out var bytes) || bytes.Length % sizeof(float) != 0)
            {
                throw new FormatException($"embedding {index} is a string but not base64 of 32-bit floats");
            }

            CheckDimension(bytes.Length / sizeof(float), index, dimension);
            vector = new float[dimension];
            for (var i = 0; i < vector.Length; i++)
            {
                vector[i] = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * sizeof(float)));
            }
        }
        else
        {
            throw new FormatException($"embedding {index} is neither an array of numbers nor a base64 string");
        }

        for (var i = 0; i < vector.Length; i++)
        {
            if (!float.IsFinite(vector[i]))
            {
                throw new FormatException($"embedding {index} holds a value that is not a finite 32-bit float at position {i}");
            }
        }

        return vector;
    }

    private static void CheckDimension(int actual, int index, int dimension)
    {
        if (actual != dimension)
        {
            throw new FormatException(
                $"embedding {index} has dimension {actual}; expected {dimension}. Set Dimensions to the model's dimension, or use a model that accepts the 'dimensions' parameter");
        }
    }

    private static UsageDetails? ReadUsage(JsonElement root)
    {
        if (!root.TryGetProperty("usage", out var usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        return new UsageDetails
        {
            InputTokenCount = ReadCount(usage, "prompt_tokens"),
            TotalTokenCount = ReadCount(usage, "total_tokens"),
        };
    }

    private static long? ReadCount(JsonElement usage, string name) =>
        usage.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) ? n : null;
}
