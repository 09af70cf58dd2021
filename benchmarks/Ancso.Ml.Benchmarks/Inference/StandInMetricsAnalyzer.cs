using Ancso.Ml.Metrics;

namespace Ancso.Ml.Benchmarks.Inference;

/// <summary>
/// Used only while the built-in <see cref="ContentMetricsAnalyzer"/> is not implemented: one pass over the text
/// (word, digit and sentence counts) turned into six values in [0, 1]. Its cost is not the real analyzer's, so text →
/// score figures measured with it leave the analyzer out.
/// </summary>
internal sealed class StandInMetricsAnalyzer : IContentMetricsAnalyzer
{
    public ContentMetrics Analyze(string platform, string section, string text)
    {
        int words = 0, digits = 0, sentences = 0, letters = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
            {
                letters++;
                digits += char.IsDigit(c) ? 1 : 0;
                if (!inWord)
                {
                    words++;
                    inWord = true;
                }
            }
            else
            {
                inWord = false;
                sentences += c is '.' or '!' or '?' ? 1 : 0;
            }
        }

        var averageWord = words == 0 ? 0f : (float)letters / words;
        return new ContentMetrics(
            Clarity: Math.Clamp(1f - (Math.Abs(averageWord - 5f) / 10f), 0f, 1f),
            Impact: Math.Clamp(digits / 10f, 0f, 1f),
            Relevance: Math.Clamp(words / 60f, 0f, 1f),
            KeywordScore: Math.Clamp(words / 100f, 0f, 1f),
            Specificity: Math.Clamp((digits + sentences) / 20f, 0f, 1f),
            Readability: Math.Clamp(1f - (words / Math.Max(1f, sentences) / 40f), 0f, 1f));
    }
}
