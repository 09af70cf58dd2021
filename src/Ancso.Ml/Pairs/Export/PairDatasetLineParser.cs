using System.Globalization;
using System.Text.Json;
using Ancso.Ml.IO;

namespace Ancso.Ml.Pairs.Export;

/// <summary>Parses one line of <c>dataset.jsonl</c>, strictly.</summary>
internal static class PairDatasetLineParser
{
    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 4 };

    private static readonly string[] Fields =
        ["pair_id", "a_id", "b_id", "platform", "section", "label", "source", "tags", "created_at", "a_features", "b_features"];

    public static PairDatasetRow Parse(string path, long line, ReadOnlySpan<byte> bytes, ref int? width)
    {
        if (bytes.IsEmpty || (bytes.Length == 1 && bytes[0] == (byte)'\r'))
        {
            throw new PairDatasetFormatException(path, line, null, "the line is empty; every line holds one pair.");
        }

        if (Utf8Check.FirstInvalidByte(bytes) is var invalid and >= 0)
        {
            throw new PairDatasetFormatException(path, line, null, $"the line is not valid UTF-8 (byte {invalid + 1}); the dataset is written as UTF-8.");
        }

        var seen = new bool[Fields.Length];
        string? pairId = null, aId = null, bId = null, platform = null, section = null, source = null;
        int label = 0;
        IReadOnlyList<string>? tags = null;
        DateTimeOffset createdAt = default;
        float[]? aFeatures = null, bFeatures = null;
        string? field = null;
        try
        {
            var reader = new Utf8JsonReader(bytes, Options);
            Expect(ref reader, JsonTokenType.StartObject, "a JSON object");
            while (true)
            {
                field = null;
                if (!reader.Read())
                {
                    throw new JsonException("the object is not closed");
                }

                if (reader.TokenType == JsonTokenType.EndObject)
                {
                    break;
                }

                field = reader.GetString()!;
                var index = Array.IndexOf(Fields, field);
                if (index < 0)
                {
                    throw new PairDatasetFormatException(path, line, field, $"unknown field; a line has exactly these fields: {string.Join(", ", Fields)}.");
                }

                if (seen[index])
                {
                    throw new PairDatasetFormatException(path, line, field, "the field appears twice.");
                }

                seen[index] = true;
                reader.Read();
                switch (index)
                {
                    case 0: pairId = ReadId(ref reader, path, line, field); break;
                    case 1: aId = ReadId(ref reader, path, line, field); break;
                    case 2: bId = ReadId(ref reader, path, line, field); break;
                    case 3: platform = ReadId(ref reader, path, line, field); break;
                    case 4: section = ReadId(ref reader, path, line, field); break;
                    case 5: label = ReadLabel(ref reader, path, line, field); break;
                    case 6: source = ReadSource(ref reader, path, line, field); break;
                    case 7: tags = ReadTags(ref reader, path, line, field); break;
                    case 8: createdAt = ReadTime(ref reader, path, line, field); break;
                    case 9: aFeatures = ReadVector(ref reader, path, line, field, ref width); break;
                    default: bFeatures = ReadVector(ref reader, path, line, field, ref width); break;
                }
            }

            field = null;
            if (reader.Read())
            {
                throw new JsonException($"unexpected {reader.TokenType} after the object");
            }
        }
        catch (JsonException e)
        {
            throw new PairDatasetFormatException(path, line, field, $"not valid JSON ({e.Message}).", e);
        }
        catch (InvalidOperationException e)
        {
            throw new PairDatasetFormatException(path, line, field, $"wrong type ({e.Message}).", e);
        }

        var missing = Fields.Where((_, i) => !seen[i]).ToArray();
        if (missing.Length > 0)
        {
            throw new PairDatasetFormatException(path, line, missing[0], $"the field is missing (missing: {string.Join(", ", missing)}).");
        }

        if (aId == bId)
        {
            throw new PairDatasetFormatException(path, line, "b_id", $"item '{aId}' is on both sides of the pair.");
        }

        return new PairDatasetRow
        {
            LineNumber = line,
            PairId = pairId!,
            AId = aId!,
            BId = bId!,
            Platform = platform!,
            Section = section!,
            Label = label,
            Source = source!,
            Tags = tags!,
            CreatedAt = createdAt,
            AFeatures = aFeatures!,
            BFeatures = bFeatures!,
        };
    }

    private static void Expect(ref Utf8JsonReader reader, JsonTokenType type, string what)
    {
        if (!reader.Read() || reader.TokenType != type)
        {
            throw new JsonException($"expected {what}");
        }
    }

    private static string ReadId(ref Utf8JsonReader reader, string path, long line, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new PairDatasetFormatException(path, line, field, $"expected a string, found {reader.TokenType}.");
        }

        var value = reader.GetString()!;
        return value.Length > 0 ? value : throw new PairDatasetFormatException(path, line, field, "the value is empty.");
    }

    private static int ReadLabel(ref Utf8JsonReader reader, string path, long line, string field)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var label) && label is 1 or -1)
        {
            return label;
        }

        throw new PairDatasetFormatException(path, line, field, $"expected 1 or -1, found {Describe(ref reader)}.");
    }

    private static string ReadSource(ref Utf8JsonReader reader, string path, long line, string field)
    {
        var source = ReadId(ref reader, path, line, field);
        return PairSources.IsKnown(source)
            ? source
            : throw new PairDatasetFormatException(path, line, field, $"'{source}' is not a source; expected one of {string.Join(", ", PairSources.All)}.");
    }

    private static List<string> ReadTags(ref Utf8JsonReader reader, string path, long line, string field)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new PairDatasetFormatException(path, line, field, $"expected an array of strings, found {reader.TokenType}.");
        }

        var tags = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            tags.Add(ReadId(ref reader, path, line, field));
        }

        return tags;
    }

    private static DateTimeOffset ReadTime(ref Utf8JsonReader reader, string path, long line, string field)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        throw new PairDatasetFormatException(path, line, field, $"expected an ISO 8601 time with offset, found {Describe(ref reader)}.");
    }

    private static float[] ReadVector(ref Utf8JsonReader reader, string path, long line, string field, ref int? width)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new PairDatasetFormatException(path, line, field, $"expected an array of numbers, found {reader.TokenType}.");
        }

        var values = new List<float>(width ?? 256);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetSingle(out var value) || !float.IsFinite(value))
            {
                throw new PairDatasetFormatException(
                    path, line, field, $"value {values.Count.ToString(CultureInfo.InvariantCulture)} is {Describe(ref reader)}; expected a finite number.");
            }

            values.Add(value);
        }

        if (values.Count == 0)
        {
            throw new PairDatasetFormatException(path, line, field, "the vector is empty.");
        }

        width ??= values.Count;
        if (values.Count != width)
        {
            throw new PairDatasetFormatException(
                path, line, field, $"the vector has {values.Count.ToString(CultureInfo.InvariantCulture)} values; the dataset's vectors have {width.Value.ToString(CultureInfo.InvariantCulture)}.");
        }

        return [.. values];
    }

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        var type => type.ToString(),
    };
}
