using System.Buffers.Binary;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Dataset;
using Ancso.Ml.Learning.Export;

namespace Ancso.Ml.Tests.Pairs.Dataset;

/// <summary>The compact file is untrusted input: every way it can be damaged is refused, naming the file and the field or record.</summary>
public class CompactDatasetReaderTests
{
    private const int Width = 3;

    // Layout of the file below (format version 2): prefix 16; features 3 items × 12 bytes; items 3 × 12; pairs 2 × 40; tags 1 × 4; strings; footer 40.
    private const int FeaturesAt = 16;
    private const int ItemsAt = FeaturesAt + (3 * Width * 4);
    private const int PairsAt = ItemsAt + (3 * 12);
    private const int PairSize = 40;

    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    private static async Task<byte[]> GoodFileAsync()
    {
        using var stream = new MemoryStream();
        using (var writer = new CompactDatasetWriter(stream, Width))
        {
            var a = await writer.AddItemAsync("i_a", "github", "bio", new float[] { 0.1f, 0.2f, 0.3f }, CancellationToken.None);
            var b = await writer.AddItemAsync("i_b", "github", "bio", new float[] { 0.4f, 0.5f, 0.6f }, CancellationToken.None);
            var c = await writer.AddItemAsync("i_c", "github", "bio", new float[] { -1f, 0f, 1e-30f }, CancellationToken.None);
            writer.AddPair("p_1", a, b, 1, PairSources.Bootstrap, ["vague"], new DateTimeOffset(2026, 11, 25, 9, 15, 0, TimeSpan.FromHours(2)));
            writer.AddPair("p_2", c, b, -1, PairSources.UserChoice, [], new DateTimeOffset(2026, 11, 26, 9, 15, 0, TimeSpan.Zero));
            await writer.CompleteAsync(CancellationToken.None);
        }

        return stream.ToArray();
    }

    /// <summary>A compact file of two items and <paramref name="pairs"/> pairs between them, each with the tags <paramref name="tags"/> gives.</summary>
    private static async Task<byte[]> ManyPairsAsync(int pairs, Func<int, string[]> tags)
    {
        using var stream = new MemoryStream();
        using (var writer = new CompactDatasetWriter(stream, Width))
        {
            var a = await writer.AddItemAsync("i_a", "github", "bio", new float[] { 0.1f, 0.2f, 0.3f }, CancellationToken.None);
            var b = await writer.AddItemAsync("i_b", "github", "bio", new float[] { 0.4f, 0.5f, 0.6f }, CancellationToken.None);
            var at = new DateTimeOffset(2026, 11, 25, 9, 15, 0, TimeSpan.Zero);
            for (var p = 0; p < pairs; p++)
            {
                writer.AddPair($"p_{p}", a, b, 1, PairSources.Bootstrap, tags(p), at);
            }

            await writer.CompleteAsync(CancellationToken.None);
        }

        return stream.ToArray();
    }

    private async Task<string> WriteAsync(byte[] bytes)
    {
        var path = _directory.File("dataset.bin");
        await File.WriteAllBytesAsync(path, bytes);
        return path;
    }

    private static async Task<List<PairDatasetRow>> ReadAllAsync(string path, int? width = null)
    {
        var rows = new List<PairDatasetRow>();
        await foreach (var row in PairDatasetReader.ReadRowsAsync(path, width))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Test]
    public async Task ReadRowsAsync_GoodFile_GivesEveryFieldBack()
    {
        var path = await WriteAsync(await GoodFileAsync());

        var rows = await ReadAllAsync(path, Width);

        Assert.That(rows, Has.Count.EqualTo(2));
        Assert.Multiple(() =>
        {
            Assert.That((rows[0].PairId, rows[0].AId, rows[0].BId, rows[0].Label, rows[0].Source), Is.EqualTo(("p_1", "i_a", "i_b", 1, "bootstrap")));
            Assert.That((rows[0].Platform, rows[0].Section, rows[0].LineNumber), Is.EqualTo(("github", "bio", 1L)));
            Assert.That(rows[0].Tags, Is.EqualTo(new[] { "vague" }));
            Assert.That(rows[0].CreatedAt, Is.EqualTo(new DateTimeOffset(2026, 11, 25, 9, 15, 0, TimeSpan.FromHours(2))));
            Assert.That(rows[0].CreatedAt.Offset, Is.EqualTo(TimeSpan.FromHours(2)));
            Assert.That(rows[0].AFeatures, Is.EqualTo(new[] { 0.1f, 0.2f, 0.3f }));
            Assert.That(rows[1].AFeatures, Is.EqualTo(new[] { -1f, 0f, 1e-30f }));
            Assert.That(rows[1].BFeatures, Is.EqualTo(new[] { 0.4f, 0.5f, 0.6f }));
            Assert.That((rows[1].Label, rows[1].Source, rows[1].Tags.Count), Is.EqualTo((-1, "user_choice", 0)));
        });
    }

    private static IEnumerable<TestCaseData> Damaged()
    {
        static TestCaseData Case(string name, Action<byte[]> damage, string? field, string problem) =>
            new TestCaseData(damage, field, problem).SetName($"ReadRowsAsync_{name}_ThrowsNamingFileAndField");

        yield return Case("BadMagic", b => b[0] = (byte)'X', "magic", "not a compact dataset");
        yield return Case("OtherVersion", b => b[8] = 3, "version", "version 3");
        yield return Case("ZeroWidth", b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(12), 0), "width", "feature width is 0");
        yield return Case("NaNFeature", b => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(FeaturesAt + 16), float.NaN), "items[1].features[1]", "finite");
        yield return Case("InfiniteFeature", b => BinaryPrimitives.WriteSingleLittleEndian(b.AsSpan(FeaturesAt + 24), float.PositiveInfinity), "items[2].features[0]", "finite");
        yield return Case("ItemIdOutOfRange", b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(ItemsAt + 12), 999), "items[1].id", "out of range");
        yield return Case("DuplicateItemId", b => b.AsSpan(ItemsAt, 4).CopyTo(b.AsSpan(ItemsAt + 12)), "items[1].id", "also item 0");
        yield return Case("PairItemOutOfRange", b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(PairsAt + PairSize + 4), 3), "pairs[1].a", "out of range");
        yield return Case("SameItemBothSides", b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(PairsAt + 8), 0), "pairs[0].b", "both sides");
        yield return Case("LabelZero", b => b[PairsAt + 34] = 0, "pairs[0].label", "expected 1 or -1");
        yield return Case("TagsOutOfRange", b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(PairsAt + 20), 5), "pairs[0].tags", "out of the 1 stored");
        yield return Case("TagsOverlapThePreviousPairs", b =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(PairsAt + PairSize + 16), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(PairsAt + PairSize + 20), 1);
        }, "pairs[1].tags", "must follow the previous pair's, at 1");
        yield return Case("TagsLeftOver", b =>
        {
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(PairsAt + 20), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(PairsAt + PairSize + 16), 0);
        }, "tags", "left over");
        yield return Case("TimeOutOfRange", b => BinaryPrimitives.WriteInt64LittleEndian(b.AsSpan(PairsAt + 24), long.MaxValue), "pairs[0].created_at", "not a time");
        yield return Case("UnknownSource", b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(PairsAt + 12), 0), "pairs[0].source", "not a source");
        yield return Case("FooterCountsWrong", b => BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(b.Length - 40 + 4), 3), null, "truncated or corrupt");
        yield return Case("FooterMagicGone", b => b[^1] = 0, "footer", "truncated");
        yield return Case("StringNotUtf8", b => b[b.Length - 41] = 0xFF, "strings[", "not valid UTF-8");
    }

    [Test]
    public async Task ReadRowsAsync_EveryPairNamesTheWholeTagRange_RefusedAtOnce()
    {
        // 100,000 pairs each claiming all 100,000 tags cost pairs × tags to check one by one (35 s measured); tag
        // ranges must follow each other, so the file is refused at the second pair.
        const int Pairs = 100_000;
        var bytes = await ManyPairsAsync(Pairs, p => [$"t{p}"]);
        const int PairsStart = FeaturesAt + (2 * Width * 4) + (2 * 12);
        for (var p = 0; p < Pairs; p++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(PairsStart + (p * PairSize) + 16), 0);
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(PairsStart + (p * PairSize) + 20), Pairs);
        }

        var path = await WriteAsync(bytes);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path, Width));

        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
        Assert.That((error!.FilePath, error.Field), Is.EqualTo((path, "pairs[1].tags")));
    }

    [Test]
    public async Task ReadRowsAsync_ManyPairsWithTags_CostIsLinear()
    {
        const int Pairs = 50_000;
        var rows = await ReadAllAsync(await WriteAsync(await ManyPairsAsync(Pairs, p => ["vague", $"t{p % 7}"])), Width);

        Assert.That(rows, Has.Count.EqualTo(Pairs));
        Assert.That(rows[^1].Tags, Is.EqualTo(new[] { "vague", $"t{(Pairs - 1) % 7}" }));
    }

    [TestCaseSource(nameof(Damaged))]
    public async Task ReadRowsAsync_Damaged_Throws(Action<byte[]> damage, string? field, string problem)
    {
        var bytes = await GoodFileAsync();
        damage(bytes);
        var path = await WriteAsync(bytes);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path, Width));

        Assert.Multiple(() =>
        {
            Assert.That(e!.FilePath, Is.EqualTo(path));
            if (field is not null && field.EndsWith('['))
            {
                Assert.That(e.Field, Does.StartWith(field));
            }
            else
            {
                Assert.That(e.Field, Is.EqualTo(field));
            }

            Assert.That(e.Message, Does.StartWith(path).And.Contain(problem));
        });
    }

    [Test]
    public async Task ReadRowsAsync_Truncated_ThrowsBeforeAnyRow()
    {
        var bytes = await GoodFileAsync();
        var path = await WriteAsync(bytes[..^7]);

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path, Width));

        Assert.That(e!.Message, Does.Contain("truncated"));
    }

    [Test]
    public async Task ReadRowsAsync_WidthDiffersFromMetadata_Throws()
    {
        var path = await WriteAsync(await GoodFileAsync());

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path, 4));

        Assert.That(e!.Field, Is.EqualTo("width"));
    }

    [Test]
    public async Task ReadRowsAsync_ItemNoPairNamesIsRefused()
    {
        using var stream = new MemoryStream();
        using (var writer = new CompactDatasetWriter(stream, Width))
        {
            await writer.AddItemAsync("i_a", "github", "bio", new float[] { 1, 2, 3 }, CancellationToken.None);
            await writer.AddItemAsync("i_b", "github", "bio", new float[] { 1, 2, 3 }, CancellationToken.None);
            await writer.AddItemAsync("i_unused", "github", "bio", new float[] { 1, 2, 3 }, CancellationToken.None);
            writer.AddPair("p_1", 0, 1, 1, PairSources.Manual, [], DateTimeOffset.UnixEpoch);
            await writer.CompleteAsync(CancellationToken.None);
        }

        var path = await WriteAsync(stream.ToArray());

        var e = Assert.ThrowsAsync<PairDatasetFormatException>(() => ReadAllAsync(path));

        Assert.That(e!.Field, Is.EqualTo("items[2]"));
    }
}
