using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Ancso.Ml.IO;

namespace Ancso.Ml.Training.Data;

/// <summary>
/// Streams <c>dataset.jsonl</c> line by line (never one JSON document), parsing each row straight into the
/// <see cref="PairSetBuilder"/> and hashing the exact bytes as they pass. Every error names the file, line and field:
/// a repeated field, a line that is not UTF-8, or a line longer than the SDK reader's limit
/// (<see cref="Ml.Pairs.Export.PairDatasetReader"/>, 256 MiB) stop the read as the SDK's reader would.
/// </summary>
internal static class PairDatasetReader
{
    private const int ChunkSize = 1 << 20;

    /// <summary>Reads the whole file; returns the SHA-256 of its bytes as <c>sha256:…</c>.</summary>
    public static Task<string> ReadAsync(string path, PairSetBuilder builder, CancellationToken cancellationToken) =>
        ReadAsync(path, builder, Ml.Pairs.Export.PairDatasetReader.MaxLineBytes, cancellationToken);

    /// <summary>Reads the whole file, refusing a line longer than <paramref name="maxLineBytes"/>; returns the SHA-256 of its bytes.</summary>
    internal static async Task<string> ReadAsync(string path, PairSetBuilder builder, int maxLineBytes, CancellationToken cancellationToken)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"The dataset {path} does not exist. Export one first (ancso ranker export) or set RankerTrainingOptions.DatasetPath.", path, innerException: ex);
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var a = new float[builder.Width];
        var b = new float[builder.Width];
        var buffer = new byte[Math.Min(ChunkSize, maxLineBytes)];
        var filled = 0;
        long line = 0;
        var atStart = true;
        await using (stream.ConfigureAwait(false))
        {
            while (true)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (filled == buffer.Length)
                {
                    // The buffer holds one unfinished line (complete ones were parsed and shifted out).
                    if (buffer.Length >= maxLineBytes)
                    {
                        var at = new DataLocation(path, line + 1);
                        throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                            string.Create(CultureInfo.InvariantCulture, $"{at.Describe()} is longer than {maxLineBytes} bytes without a line break; a row of the dataset is far shorter. Export the dataset again."),
                            path, at.Line);
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, maxLineBytes));
                }

                var read = await stream.ReadAsync(buffer.AsMemory(filled), cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                hash.AppendData(buffer, filled, read);
                var scanFrom = filled;
                filled += read;
                if (atStart && filled >= 3)
                {
                    atStart = false;
                    if (buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF)
                    {
                        // A UTF-8 byte order mark before the first row.
                        Buffer.BlockCopy(buffer, 3, buffer, 0, filled - 3);
                        filled -= 3;
                        scanFrom = 0;
                    }
                }

                var start = 0;
                int newline;
                while ((newline = Array.IndexOf(buffer, (byte)'\n', scanFrom, filled - scanFrom)) >= 0)
                {
                    line++;
                    ParseLine(buffer.AsSpan(start, newline - start), new DataLocation(path, line), endsWithNewline: true, builder, a, b);
                    start = newline + 1;
                    scanFrom = start;
                }

                if (start > 0)
                {
                    Buffer.BlockCopy(buffer, start, buffer, 0, filled - start);
                    filled -= start;
                }
            }

            if (filled > 0)
            {
                line++;
                ParseLine(buffer.AsSpan(0, filled), new DataLocation(path, line), endsWithNewline: false, builder, a, b);
            }
        }

        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void ParseLine(ReadOnlySpan<byte> text, DataLocation at, bool endsWithNewline, PairSetBuilder builder, float[] a, float[] b)
    {
        if (text.Length > 0 && text[^1] == (byte)'\r')
        {
            text = text[..^1];
        }

        if (text.Trim((byte)' ').IsEmpty)
        {
            return;
        }

        if (Utf8Check.FirstInvalidByte(text) is var invalid and >= 0)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                string.Create(CultureInfo.InvariantCulture, $"{at.Describe()} is not valid UTF-8 (byte {invalid + 1}). The dataset is written as UTF-8; export it again."),
                at.FilePath, at.Line);
        }

        try
        {
            ParseRow(text, at, builder, a, b);
        }
        catch (JsonException ex)
        {
            var where = string.Create(CultureInfo.InvariantCulture, $"byte {(ex.BytePositionInLine ?? 0) + 1}");
            var message = endsWithNewline
                ? $"{at.Describe()} is not valid JSON at {where}: {ex.Message} Fix or remove the line, or export the dataset again."
                : $"{at.Describe()} is incomplete (the file ends mid-row at {where}; the export was probably interrupted): {ex.Message} Export the dataset again.";
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData, message, at.FilePath, at.Line, innerException: ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new RankerTrainingException(RankerTrainingErrorKind.InvalidData,
                $"{at.Describe()} holds a value of the wrong type: {ex.Message} Export the dataset again.", at.FilePath, at.Line, innerException: ex);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ParseRow(ReadOnlySpan<byte> text, DataLocation at, PairSetBuilder builder, float[] a, float[] b)
    {
        var reader = new Utf8JsonReader(text, isFinalBlock: true, state: default);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw at.Error("(row)", "the line is not a JSON object.", "Each line must hold one pair object; export the dataset again.");
        }

        string? pairId = null, aId = null, bId = null, source = null;
        int? label = null;
        int aCount = -1, bCount = -1;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("pair_id"u8))
            {
                Once(pairId, at, "pair_id");
                pairId = ReadString(ref reader, at, "pair_id");
            }
            else if (reader.ValueTextEquals("a_id"u8))
            {
                Once(aId, at, "a_id");
                aId = ReadString(ref reader, at, "a_id");
            }
            else if (reader.ValueTextEquals("b_id"u8))
            {
                Once(bId, at, "b_id");
                bId = ReadString(ref reader, at, "b_id");
            }
            else if (reader.ValueTextEquals("source"u8))
            {
                Once(source, at, "source");
                source = ReadString(ref reader, at, "source");
            }
            else if (reader.ValueTextEquals("label"u8))
            {
                Once(label, at, "label");
                reader.Read();
                label = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var l)
                    ? l
                    : throw at.Error("label", "the label is not an integer.", "Use 1 (A is better) or -1 (B is better).");
            }
            else if (reader.ValueTextEquals("a_features"u8))
            {
                Once(aCount < 0 ? null : aCount, at, "a_features");
                aCount = ReadFeatures(ref reader, at, "a_features", a);
            }
            else if (reader.ValueTextEquals("b_features"u8))
            {
                Once(bCount < 0 ? null : bCount, at, "b_features");
                bCount = ReadFeatures(ref reader, at, "b_features", b);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        _ = Required(pairId, at, "pair_id");
        _ = Required(aId, at, "a_id");
        _ = Required(bId, at, "b_id");
        _ = Required(source, at, "source");
        if (label is null)
        {
            throw Missing(at, "label");
        }

        if (aCount < 0)
        {
            throw Missing(at, "a_features");
        }

        if (bCount < 0)
        {
            throw Missing(at, "b_features");
        }

        builder.Add(at, pairId!, aId!, bId!, label.Value, source!, a.AsSpan(0, aCount), b.AsSpan(0, bCount));
    }

    private static string ReadString(ref Utf8JsonReader reader, DataLocation at, string field)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.String
            ? reader.GetString()!
            : throw at.Error(field, $"the value is a {reader.TokenType}, not a string.", "Export the dataset again.");
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static int ReadFeatures(ref Utf8JsonReader reader, DataLocation at, string field, float[] destination)
    {
        reader.Read();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw at.Error(field, $"the value is a {reader.TokenType}, not an array of numbers.", "Export the dataset again.");
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var element = string.Create(CultureInfo.InvariantCulture, $"{field}[{count}]");
            float value;
            if (reader.TokenType == JsonTokenType.Number)
            {
                if (!reader.TryGetSingle(out value) || !float.IsFinite(value))
                {
                    throw at.Error(element, "the value is out of the float range (infinite).", "Features must be finite; re-embed the item or remove the pair, then export again.");
                }
            }
            else if (reader.TokenType == JsonTokenType.String)
            {
                throw at.Error(element, $"the value is the string \"{reader.GetString()}\"; features must be finite numbers (NaN and infinities are not allowed).",
                    "Re-embed the item or remove the pair, then export again.");
            }
            else
            {
                throw at.Error(element, $"the value is a {reader.TokenType}, not a number.", "Export the dataset again.");
            }

            if (count == destination.Length)
            {
                throw at.Error(field, string.Create(CultureInfo.InvariantCulture, $"the vector holds more than {destination.Length} values; the dataset's features are {destination.Length} wide (embedding dimension + metrics, from metadata.json)."),
                    "Export the dataset again with one embedding generator for every item.");
            }

            destination[count++] = value;
        }

        return count;
    }

    private static string Required(string? value, DataLocation at, string field) => value ?? throw Missing(at, field);

    /// <summary>Refuses a field seen before in the row: a JSON parser would silently keep one of the two values.</summary>
    private static void Once(object? earlier, DataLocation at, string field)
    {
        if (earlier is not null)
        {
            throw at.Error(field, "the field appears twice in the row; which value is meant cannot be told.", "Each field appears once; export the dataset again.");
        }
    }

    private static RankerTrainingException Missing(DataLocation at, string field) =>
        at.Error(field, "the field is missing.", "Every row needs pair_id, a_id, b_id, label, source, a_features and b_features; export the dataset again.");
}
