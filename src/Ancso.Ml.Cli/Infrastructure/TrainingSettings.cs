using Microsoft.Extensions.Configuration;

namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>
/// The trainer's options from the <c>Ranker:Training</c> configuration section (the config file, or environment variables
/// such as <c>ANCSO_Ranker__Training__SourceWeights__user_choice=5</c>); command options override them.
/// </summary>
internal static class TrainingSettings
{
    public const string SectionKey = "Ranker:Training";

    public static RankerTrainingOptions Create(CliSettings settings)
    {
        var options = new RankerTrainingOptions();
        var section = settings.Configuration.GetSection(SectionKey);
        try
        {
            section.Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new CliException($"The '{SectionKey}' settings are not valid: {ex.Message}", ExitCodes.Usage);
        }

        return options;
    }

    /// <summary>Applies <c>--source-weight SOURCE=WEIGHT</c> values.</summary>
    public static void ApplySourceWeights(RankerTrainingOptions options, IEnumerable<string> values)
    {
        foreach (var value in values)
        {
            var at = value.IndexOf('=', StringComparison.Ordinal);
            var source = at > 0 ? value[..at].Trim() : "";
            if (source.Length == 0 || !double.TryParse(value[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var weight)
                || !double.IsFinite(weight) || weight is < 0 or > 1000)
            {
                throw new CliException($"--source-weight '{value}' is not SOURCE=WEIGHT with a weight from 0 to 1000 (for example --source-weight user_choice=3).", ExitCodes.Usage);
            }

            options.SourceWeights[source] = weight;
        }
    }
}
