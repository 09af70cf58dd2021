using System.Text.Json;

namespace Ancso.Ml.Cli.Commands;

/// <summary>A judged pair of <c>ranker evaluate</c>'s input: <c>{"platform","section","a","b","label"}</c>, label 1 when a is better, -1 when b is.</summary>
internal sealed record EvaluationPair(int Line, string Platform, string Section, string A, string B, int Label)
{
    /// <summary>Gets what the pair tests (<c>keyword_wall</c>, <c>both_decent</c>, …), from the optional <c>tags</c> array.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Gets the pair's tags that name a reason, in the vocabulary's spelling (<see cref="ReasonTags.Normalize"/>).</summary>
    public IReadOnlySet<string> Flaws => Tags.Select(ReasonTags.Normalize).OfType<string>().ToHashSet(StringComparer.Ordinal);

    /// <summary>Gets the principle of the pair's <c>principle:</c> tag (<c>principle:clarity</c> → <c>clarity</c>), or <see langword="null"/>.</summary>
    public string? Principle => Tags.FirstOrDefault(t => t.StartsWith(PrinciplePrefix, StringComparison.Ordinal))?[PrinciplePrefix.Length..];

    private const string PrinciplePrefix = "principle:";
}

/// <summary>
/// Reads an evaluation file (JSON Lines), naming the line and field of anything malformed. Files are opened as every
/// input file is (regular files only, never blocking), at most <see cref="MaxFileBytes"/> each, lines at most
/// <see cref="MaxLineBytes"/>, so a wrong path (<c>/dev/zero</c>, a FIFO, a huge file) ends in an error, not a hang.
/// </summary>
internal static class EvaluationPairsFile
{
    /// <summary>The largest evaluation file read: 256 MiB.</summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>The longest line read: 1 MiB (a judged pair of two long about sections is a few KB).</summary>
    public const int MaxLineBytes = 1 << 20;

    /// <summary>Reads one file, or every <c>*.jsonl</c> file of a folder in name order.</summary>
    public static async Task<IReadOnlyList<EvaluationPair>> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            var files = Directory.GetFiles(full, "*.jsonl").Order(StringComparer.Ordinal).ToArray();
            if (files.Length == 0)
            {
                throw new CliException($"Pairs folder '{full}' holds no .jsonl file.");
            }

            var all = new List<EvaluationPair>();
            foreach (var file in files)
            {
                all.AddRange(await ReadFileAsync(file, cancellationToken).ConfigureAwait(false));
            }

            return all;
        }

        if (!File.Exists(full))
        {
            throw new CliException($"Pairs file '{full}' does not exist.");
        }

        return await ReadFileAsync(full, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<EvaluationPair>> ReadFileAsync(string full, CancellationToken cancellationToken)
    {
        var pairs = new List<EvaluationPair>();
        try
        {
            var lines = new JsonlLineSource(full, MaxLineBytes, hash: false, MaxFileBytes, lastLineMayBeUnterminated: true);
            await using (lines.ConfigureAwait(false))
            {
                while (await lines.FillAsync(cancellationToken).ConfigureAwait(false))
                {
                    while (lines.TryTakeLine(out var offset, out var length))
                    {
                        var line = lines.Buffer.AsMemory(offset, length);
                        if (IsBlank(line.Span))
                        {
                            continue;
                        }

                        pairs.Add(Parse(full, checked((int)lines.Line), line));
                    }
                }
            }
        }
        catch (PairDatasetFormatException ex)
        {
            throw new CliException($"{ex.Message} Give a JSON Lines file of judged pairs (one object per line with platform, section, a, b, label).", ex);
        }
        catch (FileNotFoundException ex)
        {
            throw new CliException($"Pairs file '{full}' does not exist.", ex);
        }

        if (pairs.Count == 0)
        {
            throw new CliException($"{full}: no pairs (expected one JSON object per line with platform, section, a, b, label).");
        }

        return pairs;
    }

    private static bool IsBlank(ReadOnlySpan<byte> line)
    {
        foreach (var b in line)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
            {
                return false;
            }
        }

        return true;
    }

    private static EvaluationPair Parse(string file, int lineNumber, ReadOnlyMemory<byte> line)
    {
        if (!System.Text.Unicode.Utf8.IsValid(line.Span))
        {
            throw new CliException($"{file}:{lineNumber}: the line is not valid UTF-8; save the file as UTF-8.");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{file}:{lineNumber}: not valid JSON ({ex.Message.ReplaceLineEndings(" ")})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new CliException($"{file}:{lineNumber}: expected a JSON object.");
            }

            string Text(string name)
            {
                if (!root.TryGetProperty(name, out var value) || value.ValueKind != JsonValueKind.String)
                {
                    throw new CliException($"{file}:{lineNumber}: field '{name}' is missing or not a string.");
                }

                return Read(value, name);
            }

            string Read(JsonElement value, string name)
            {
                try
                {
                    return value.GetString()!;
                }
                catch (InvalidOperationException)
                {
                    // A lone UTF-16 surrogate ("\ud800") parses as JSON but is no text.
                    throw new CliException($"{file}:{lineNumber}: field '{name}' holds an escaped lone UTF-16 surrogate, which is not text; fix or remove it.");
                }
            }

            if (!root.TryGetProperty("label", out var labelElement) || labelElement.ValueKind != JsonValueKind.Number
                || !labelElement.TryGetInt32(out var label) || label is not (1 or -1))
            {
                throw new CliException($"{file}:{lineNumber}: field 'label' must be 1 (a is better) or -1 (b is better).");
            }

            var tags = new List<string>();
            if (root.TryGetProperty("tags", out var tagsElement))
            {
                if (tagsElement.ValueKind != JsonValueKind.Array || tagsElement.EnumerateArray().Any(t => t.ValueKind != JsonValueKind.String))
                {
                    throw new CliException($"{file}:{lineNumber}: field 'tags' must be an array of strings.");
                }

                tags.AddRange(tagsElement.EnumerateArray().Select(t => Read(t, "tags")));
            }

            return new EvaluationPair(lineNumber, Text("platform"), Text("section"), Text("a"), Text("b"), label) { Tags = tags };
        }
    }
}
