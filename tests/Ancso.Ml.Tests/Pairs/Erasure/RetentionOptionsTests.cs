using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Metrics;
using Ancso.Ml.Pairs.Signals;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.Pairs.Erasure;

/// <summary><c>Ranker:Signals:Retention</c> (<see cref="SignalOptions.Retention"/>): bound from configuration, and a period under one hour refused when the host starts.</summary>
public class RetentionOptionsTests
{
    private PairTestDirectory _directory = null!;

    [SetUp]
    public void SetUp() => _directory = new PairTestDirectory();

    [TearDown]
    public void TearDown() => _directory.Dispose();

    [TestCase("00:59:59", TestName = "Validate_RetentionJustUnderAnHour_FailsAtStartNamingTheSetting")]
    [TestCase("00:00:00", TestName = "Validate_RetentionZero_FailsAtStartNamingTheSetting")]
    [TestCase("-365.00:00:00", TestName = "Validate_RetentionNegative_FailsAtStartNamingTheSetting")]
    public void Validate_RetentionUnderAnHour_FailsAtStartNamingTheSetting(string retention)
    {
        using var provider = Build(retention);

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(e!.Message, Does.Contain("Ranker:Signals:Retention"));
    }

    [TestCase("01:00:00", TestName = "Validate_RetentionOfOneHour_StartsAndBindsIt")]
    [TestCase("365.00:00:00", TestName = "Validate_RetentionOfAYear_StartsAndBindsIt")]
    public void Validate_RetentionOfAnHourOrMore_StartsAndBindsIt(string retention)
    {
        using var provider = Build(retention);

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(provider.GetRequiredService<IOptions<SignalOptions>>().Value.Retention, Is.EqualTo(TimeSpan.Parse(retention, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Test]
    public void Validate_NoRetention_StartsAndKeepsPairsUntilErased()
    {
        using var provider = Build(retention: null);

        Assert.DoesNotThrow(() => provider.GetRequiredService<IStartupValidator>().Validate());
        Assert.That(provider.GetRequiredService<IOptions<SignalOptions>>().Value.Retention, Is.Null);
    }

    [Test]
    public void AddSignals_ConfigureWithRetentionOfMinutes_FailsAtStartNamingTheSetting()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IContentMetricsAnalyzer, StandInMetricsAnalyzer>();
        services.AddRanker().AddSqlitePairStore(o => o.DatabasePath = _directory.File("pairs.db")).AddSignals(o => o.Retention = TimeSpan.FromMinutes(30));
        using var provider = services.BuildServiceProvider();

        var e = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.That(e!.Message, Does.Contain("Ranker:Signals:Retention"));
    }

    private ServiceProvider Build(string? retention)
    {
        var settings = new Dictionary<string, string?> { ["Ranker:Sqlite:DatabasePath"] = _directory.File("pairs.db") };
        if (retention is not null)
        {
            settings["Ranker:Signals:Retention"] = retention;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IContentMetricsAnalyzer, StandInMetricsAnalyzer>();
        services.AddRanker(configuration.GetSection(RankerOptions.SectionName)).AddSqlitePairStore().AddSignals();
        return services.BuildServiceProvider();
    }
}
