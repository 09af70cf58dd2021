using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Spectre.Console;

namespace Ancso.Ml.Cli.Infrastructure;

/// <summary>Writes results as text lines (<c>name: value</c>) or as JSON with the same field names, and shows progress.</summary>
internal sealed class CliOutput
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public CliOutput(TextWriter stdout, TextWriter stderr, bool json, bool interactive)
    {
        Out = stdout;
        Error = stderr;
        IsJson = json;
        IsInteractive = interactive && !json;
    }

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool IsJson { get; }

    /// <summary>Gets whether progress bars are drawn (a terminal, and not <c>--json</c>); otherwise progress is plain lines on stderr.</summary>
    public bool IsInteractive { get; }

    public static string Format(double value, int digits = 4) => value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Format(double? value, int digits = 4) => value is { } v ? Format(v, digits) : "n/a";

    /// <summary>Writes <paramref name="result"/> as JSON when <c>--json</c> is on; otherwise calls <paramref name="writeText"/>.</summary>
    public void Result<T>(T result, Action<TextWriter> writeText)
    {
        ArgumentNullException.ThrowIfNull(writeText);
        if (IsJson)
        {
            Out.WriteLine(JsonSerializer.Serialize(result, JsonOptions));
        }
        else
        {
            writeText(Out);
        }
    }

    /// <summary>Writes a line of text output (nothing in <c>--json</c> mode, where only the result is printed).</summary>
    public void Line(string text)
    {
        if (!IsJson)
        {
            Out.WriteLine(text);
        }
    }

    /// <summary>Runs <paramref name="work"/> with a progress bar in a terminal, or plain progress lines on stderr otherwise.</summary>
    public async Task<T> WithProgressAsync<T>(string title, Func<IProgress<ProgressUpdate>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (!IsInteractive)
        {
            var plain = new PlainProgress(Error, title);
            var result = await work(plain).ConfigureAwait(false);
            plain.Complete();
            return result;
        }

        T value = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1.0);
                var progress = new SynchronousProgress(update =>
                {
                    task.Value = Math.Clamp(update.Fraction, 0, 1);
                    task.Description = Markup.Escape(update.Detail is null ? title : $"{title}  {update.Detail}");
                });
                value = await work(progress).ConfigureAwait(false);
                task.Value = 1.0;
            }).ConfigureAwait(false);
        return value;
    }

    private sealed class SynchronousProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }

    private sealed class PlainProgress(TextWriter writer, string title) : IProgress<ProgressUpdate>
    {
        private int _lastDecile = -1;
        private string? _lastDetail;

        public void Report(ProgressUpdate value)
        {
            var decile = (int)Math.Floor(Math.Clamp(value.Fraction, 0, 1) * 10);
            if (decile == _lastDecile && !value.Force)
            {
                return;
            }

            _lastDecile = decile;
            _lastDetail = value.Detail;
            writer.WriteLine(value.Detail is null
                ? $"{title}: {decile * 10}%"
                : $"{title}: {decile * 10}%  {value.Detail}");
        }

        public void Complete()
        {
            if (_lastDecile < 10)
            {
                writer.WriteLine(_lastDetail is null ? $"{title}: 100%" : $"{title}: 100%  {_lastDetail}");
            }
        }
    }
}

/// <summary>A progress report: the fraction done, an optional detail (for example loss and accuracy), and whether to print it even if the fraction did not move.</summary>
internal readonly record struct ProgressUpdate(double Fraction, string? Detail = null, bool Force = false);
