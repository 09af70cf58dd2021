using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Erasure;
using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Pairs.Storage;
using Ancso.Ml.Learning.Influence;
using Ancso.Ml.Tests.Pairs;
using Ancso.Ml.Tests.Pairs.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.DependencyInjection;

/// <summary><c>AddSignals()</c> over a real SQLite store, configured from <c>Ranker:Signals</c> and validated when the host starts.</summary>
public class SignalsRegistrationTests
{
    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    private static IEnumerable<TestCaseData> BadKeys()
    {
        yield return new TestCaseData("not base64 at all!").SetName("Validate_RaterKeyNotBase64_FailsAtStartNamingTheSetting");
        yield return new TestCaseData(Convert.ToBase64String(new byte[31])).SetName("Validate_RaterKeyOf31Bytes_FailsAtStartNamingTheSetting");
        yield return new TestCaseData(Convert.ToBase64String(new byte[8])).SetName("Validate_RaterKeyOf8Bytes_FailsAtStartNamingTheSetting");
        yield return new TestCaseData(Convert.ToBase64String(new byte[32])[..^2]).SetName("Validate_RaterKeyBase64Truncated_FailsAtStartNamingTheSetting");
    }

    [TestCaseSource(nameof(BadKeys))]
    public void Validate_BadRaterKey_Fails(string key)
    {
        using var provider = Build(key);

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(e!.Message, Does.Contain("Ranker:Signals:RaterKey"));
        Assert.That(e.Message, Does.Not.Contain(key), "a secret is never repeated in a message");
    }

    [Test]
    public void Validate_NoRaterKey_Starts()
    {
        using var provider = Build(key: null);

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(provider.GetRequiredService<IOptions<SignalOptions>>().Value.RaterKey, Is.Null);
    }

    [Test]
    public void Validate_RaterKeyOf32Bytes_StartsAndBindsTheKeyFromRankerSignals()
    {
        using var provider = Build(TestRaterKeys.KeyBase64);

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        var pseudonymizer = provider.GetRequiredService<IRaterPseudonymizer>();
        Assert.That(pseudonymizer, Is.InstanceOf<HmacRaterPseudonymizer>());
        Assert.That(pseudonymizer.Pseudonymize("alice@example.com"), Is.EqualTo(TestRaterKeys.Expected("alice@example.com")));
    }

    [Test]
    public void Validate_RaterKeyWithSurroundingWhitespace_IsAccepted()
    {
        using var provider = Build("  " + TestRaterKeys.KeyBase64 + "\n");

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(provider.GetRequiredService<IRaterPseudonymizer>().Pseudonymize("bob"), Is.EqualTo(TestRaterKeys.Expected("bob")));
    }

    [Test]
    public void AddSignals_ConfigureWithShortKey_FailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddRanker().AddSqlitePairStore(o => o.DatabasePath = _directory.File("pairs.db")).AddSignals(o => o.RaterKey = Convert.ToBase64String(new byte[16]));
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(e!.Message, Does.Contain("Ranker:Signals:RaterKey"));
    }

    [Test]
    public void AddSignals_Configure_KeysThePseudonymizer()
    {
        var services = new ServiceCollection();
        services.AddRanker().AddSqlitePairStore(o => o.DatabasePath = _directory.File("pairs.db")).AddSignals(o => o.RaterKey = TestRaterKeys.OtherKeyBase64);
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.That(provider.GetRequiredService<IRaterPseudonymizer>().Pseudonymize("carol"), Is.EqualTo(TestRaterKeys.Expected(TestRaterKeys.OtherKey, "carol")));
    }

    [Test]
    public void AddSignals_CalledTwice_RegistersEachServiceOnce()
    {
        var services = new ServiceCollection();
        services.AddRanker().AddSqlitePairStore(o => o.DatabasePath = _directory.File("pairs.db")).AddSignals().AddSignals()
            .AddRaterReport().AddRaterReport().AddDatasetExport().AddExportedDatasetErasure();

        Assert.Multiple(() =>
        {
            foreach (var type in new[] { typeof(IRaterPseudonymizer), typeof(ITrainingSignalRecorder), typeof(IRaterReport), typeof(IValidateOptions<SignalOptions>), typeof(IPairCopyEraser), typeof(IPairEraser) })
            {
                Assert.That(services.Count(d => d.ServiceType == type), Is.EqualTo(1), type.Name);
            }
        });
    }

    [Test]
    public async Task RecordUserChoiceAsync_HostPseudonymizer_IsUsedInsteadOfTheBuiltIn()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IContentMetricsAnalyzer, StandInMetricsAnalyzer>();
        services.AddSingleton<IRaterPseudonymizer>(new FixedPseudonymizer("r_" + new string('7', 32)));
        services.AddRanker().AddSqlitePairStore(o => o.DatabasePath = _directory.File("pairs.db")).AddSignals();
        await using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IStartupValidator>().Validate();

        var recorded = await provider.GetRequiredService<ITrainingSignalRecorder>().RecordUserChoiceAsync(
            new UserChoice("github", "bio", "dev", "Go developer", PairSide.B) { RaterId = "alice" });

        Assert.That(recorded.Rater, Is.EqualTo("r_" + new string('7', 32)));
        Assert.That((await provider.GetRequiredService<IPairStore>().GetPairAsync(recorded.PairId))!.Rater, Is.EqualTo(recorded.Rater));
    }

    [Test]
    public async Task RecordUserChoiceAsync_NoRaterKey_RefusesANamedRaterNamingTheSettingAndStoresNothing()
    {
        await using var provider = Build(key: null);
        provider.GetRequiredService<IStartupValidator>().Validate();
        var recorder = provider.GetRequiredService<ITrainingSignalRecorder>();
        var store = provider.GetRequiredService<IPairStore>();

        var e = Assert.ThrowsAsync<InvalidOperationException>(() => recorder.RecordUserChoiceAsync(
            new UserChoice("github", "bio", "dev", "Go developer", PairSide.B) { RaterId = "alice@example.com" }));
        var unattributed = await recorder.RecordUserChoiceAsync(new UserChoice("github", "bio", "dev", "Rust developer", PairSide.B));

        Assert.That(e!.Message, Does.Contain("Ranker:Signals:RaterKey").And.Not.Contain("alice@example.com"));
        Assert.That((await store.CountPairsAsync()).Total, Is.EqualTo(1), "only the unattributed choice");
        Assert.That((await store.GetPairAsync(unattributed.PairId))!.Rater, Is.Null);
    }

    private ServiceProvider Build(string? key)
    {
        var settings = new Dictionary<string, string?> { ["Ranker:Sqlite:DatabasePath"] = _directory.File("pairs.db") };
        if (key is not null)
        {
            settings["Ranker:Signals:RaterKey"] = key;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IContentMetricsAnalyzer, StandInMetricsAnalyzer>();
        services.AddRanker(configuration.GetSection(RankerOptions.SectionName)).AddSqlitePairStore().AddSignals();
        return services.BuildServiceProvider();
    }

    private sealed class FixedPseudonymizer(string pseudonym) : IRaterPseudonymizer
    {
        public string Pseudonymize(string raterId) => pseudonym;
    }
}
