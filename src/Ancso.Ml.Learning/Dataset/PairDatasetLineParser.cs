using System.Runtime.CompilerServices;
using System.Text.Json;
using Ancso.Ml.IO;
using Ancso.Ml.Pairs.Signals;

namespace Ancso.Ml.Learning.Dataset;

/// <summary>The fields of one line of <c>dataset.jsonl</c>; the feature vectors are in the parser's buffers.</summary>
internal readonly record struct JsonlRow(
    string PairId, string AId, string BId, string Platform, string Section, int Label, string Source, List<string>? Tags, DateTimeOffset CreatedAt, string? Rater);

/// <summary>
/// Parses lines of <c>dataset.jsonl</c>, strictly: a JSON object with exactly the documented fields (all required but
/// <c>rater</c>), each once and of its type, a label of 1 or -1, a known source, non-empty ids, a rater pseudonym of its
/// form, finite vectors of the dataset's width. Feature vectors are
/// parsed into two reusable buffers (<see cref="A"/>, <see cref="B"/>), so a row allocates only its strings.
/// </summary>
internal sealed class PairDatasetLineParser
{
    private const int AllFields = (1 << 11) - 1;

    private const int RaterField = 11;

    private static readonly JsonReaderOptions Options = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 4 };

    private static readonly string[] Fields =
        ["pair_id", "a_id", "b_id", "platform", "section", "label", "source", "tags", "created_at", "a_features", "b_features", "rater"];

    private readonly string _path;
    private int? _width;
    private float[] _a;
    private float[] _b;

    /// <param name="path">The file, for messages.</param>
    /// <param name="width">The width every vector must have, or <see langword="null"/> to take the first row's.</param>
    public PairDatasetLineParser(string path, int? width)
    {
        _path = path;
        _width = width;
        _a = new float[width ?? 256];
        _b = new float[width ?? 256];
    }

    /// <summary>Gets the file, for messages.</summary>
    public string Path => _path;

    /// <summary>Gets A's features of the last row parsed.</summary>
    public ReadOnlySpan<float> A => _a.AsSpan(0, _width ?? 0);

    /// <summary>Gets B's features of the last row parsed.</summary>
    public ReadOnlySpan<float> B => _b.AsSpan(0, _width ?? 0);

    /// <summary>Parses a line (without its <c>\n</c>); throws <see cref="PairDatasetFormatException"/> naming the line and field.</summary>
    /// <param name="line">The 1-based line.</param>
    /// <param name="bytes">The line's bytes.</param>
    /// <param name="withTags">Whether to keep the tags (they are checked either way).</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public JsonlRow Parse(long line, ReadOnlySpan<byte> bytes, bool withTags)
    {
        if (bytes.IsEmpty || (bytes.Length == 1 && bytes[0] == (byte)'\r'))
        {
            throw Error(line, null, "the line is empty; every line holds one pair.");
        }

        if (Utf8Check.FirstInvalidByte(bytes) is var invalid and >= 0)
        {
            throw Error(line, null, $"the line is not valid UTF-8 (byte {invalid + 1}); the dataset is written as UTF-8.");
        }

        var seen = 0;
        string? pairId = null, aId = null, bId = null, platform = null, section = null, source = null, rater = null;
        var label = 0;
        List<string>? tags = null;
        DateTimeOffset createdAt = default;
        string? field = null;
        try
        {
            var reader = new Utf8JsonReader(bytes, Options);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("expected a JSON object");
            }

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

                var index = FieldIndex(ref reader);
                if (index < 0)
                {
                    field = reader.GetString();
                    throw Error(line, field, $"unknown field; a line has exactly these fields: {string.Join(", ", Fields[..RaterField])}, and optionally {Fields[RaterField]}.");
                }

                field = Fields[index];
                if ((seen & (1 << index)) != 0)
                {
                    throw Error(line, field, "the field appears twice in the row; which value is meant cannot be told.");
                }

                seen |= 1 << index;
                reader.Read();
                switch (index)
                {
                    case 0: pairId = ReadId(ref reader, line, field); break;
                    case 1: aId = ReadId(ref reader, line, field); break;
                    case 2: bId = ReadId(ref reader, line, field); break;
                    case 3: platform = ReadId(ref reader, line, field); break;
                    case 4: section = ReadId(ref reader, line, field); break;
                    case 5: label = ReadLabel(ref reader, line, field); break;
                    case 6: source = ReadSource(ref reader, line, field); break;
                    case 7: tags = ReadTags(ref reader, line, field, withTags); break;
                    case 8: createdAt = ReadTime(ref reader, line, field); break;
                    case 9: ReadVector(ref reader, line, field, ref _a); break;
                    case 10: ReadVector(ref reader, line, field, ref _b); break;
                    default: rater = ReadRater(ref reader, line, field); break;
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
            throw Error(line, field, $"not valid JSON ({e.Message}).", e);
        }
        catch (InvalidOperationException e)
        {
            throw Error(line, field, $"wrong type ({e.Message}).", e);
        }

        if ((seen & AllFields) != AllFields)
        {
            var missing = Fields[..RaterField].Where((_, i) => (seen & (1 << i)) == 0).ToArray();
            throw Error(line, missing[0], $"the field is missing (missing: {string.Join(", ", missing)}).");
        }

        if (string.Equals(aId, bId, StringComparison.Ordinal))
        {
            throw Error(line, "b_id", $"item '{aId}' is on both sides of the pair.");
        }

        if (rater is not null && source == PairSources.Bootstrap)
        {
            throw Error(line, "rater", "a bootstrap pair has no rater; bootstrap pairs are generated, not judged by a person.");
        }

        return new JsonlRow(pairId!, aId!, bId!, platform!, section!, label, source!, tags, createdAt, rater);
    }

    private static int FieldIndex(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < Fields.Length; i++)
        {
            if (reader.ValueTextEquals(Fields[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private string ReadId(ref Utf8JsonReader reader, long line, string field)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw Error(line, field, $"expected a string, found {reader.TokenType}.");
        }

        var value = reader.GetString()!;
        return value.Length > 0 ? value : throw Error(line, field, "the value is empty.");
    }

    private int ReadLabel(ref Utf8JsonReader reader, long line, string field)
    {
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var label) && label is 1 or -1)
        {
            return label;
        }

        throw Error(line, field, $"expected 1 or -1, found {Describe(ref reader)}.");
    }

    private string ReadSource(ref Utf8JsonReader reader, long line, string field)
    {
        var source = ReadId(ref reader, line, field);
        return PairSources.IsKnown(source)
            ? source
            : throw Error(line, field, $"'{source}' is not a source; expected one of {string.Join(", ", PairSources.All)}.");
    }

    private string ReadRater(ref Utf8JsonReader reader, long line, string field)
    {
        var rater = ReadId(ref reader, line, field);
        return RaterPseudonyms.IsValid(rater)
            ? rater
            : throw Error(line, field, "the value is not a rater pseudonym ('r_' and 32 lower-case hex digits); the dataset never holds a person's id.");
    }

    private List<string>? ReadTags(ref Utf8JsonReader reader, long line, string field, bool keep)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(line, field, $"expected an array of strings, found {reader.TokenType}.");
        }

        var tags = keep ? new List<string>() : null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var tag = ReadId(ref reader, line, field);
            tags?.Add(tag);
        }

        return tags;
    }

    private DateTimeOffset ReadTime(ref Utf8JsonReader reader, long line, string field)
    {
        if (reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out var value))
        {
            return value;
        }

        throw Error(line, field, $"expected an ISO 8601 time with offset, found {Describe(ref reader)}.");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void ReadVector(ref Utf8JsonReader reader, long line, string field, ref float[] buffer)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw Error(line, field, $"expected an array of numbers, found {reader.TokenType}.");
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.Number || !reader.TryGetSingle(out var value) || !float.IsFinite(value))
            {
                throw Error(line, string.Create(CultureInfo.InvariantCulture, $"{field}[{count}]"),
                    $"the value is {Describe(ref reader)}; features must be finite numbers (NaN and infinities are not allowed).");
            }

            if (count == buffer.Length)
            {
                if (_width is { } width)
                {
                    throw Error(line, field, string.Create(CultureInfo.InvariantCulture, $"the vector holds more than {width} values; the dataset's vectors are {width} wide (embedding dimension + metrics, from metadata.json)."));
                }

                if (count >= CompactDatasetLayout.MaxWidth)
                {
                    throw Error(line, field, string.Create(CultureInfo.InvariantCulture, $"the vector holds more than {CompactDatasetLayout.MaxWidth} values."));
                }

                Array.Resize(ref buffer, buffer.Length * 2);
            }

            buffer[count++] = value;
        }

        if (count == 0)
        {
            throw Error(line, field, "the vector is empty.");
        }

        _width ??= count;
        if (count != _width)
        {
            throw Error(line, field, string.Create(CultureInfo.InvariantCulture,
                $"the vector holds {count} values; the dataset's vectors are {_width.Value} wide (embedding dimension + metrics, from metadata.json)."));
        }

        if (_a.Length < count || _b.Length < count)
        {
            Array.Resize(ref _a, Math.Max(_a.Length, count));
            Array.Resize(ref _b, Math.Max(_b.Length, count));
        }
    }

    private PairDatasetFormatException Error(long line, string? field, string problem, Exception? inner = null) => new(_path, line, field, problem, inner);

    private static string Describe(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.String => $"\"{reader.GetString()}\"",
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        var type => type.ToString(),
    };
}
