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

    /// <summary>
    /// Runs <paramref name="work"/> with a progress bar in a terminal, or plain progress lines on stderr otherwise. Work in
    /// phases (<see cref="ProgressUpdate.Phase"/>) shows each phase on its own, labelled, from 0 to 100%: a new phase
    /// first finishes the previous one, so progress never goes back without saying why.
    /// </summary>
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
                string? phase = null;
                var reported = false;
                var progress = new SynchronousProgress(update =>
                {
                    if (update.Phase != phase)
                    {
                        if (reported)
                        {
                            task.Value = 1.0;
                            task = context.AddTask(Markup.Escape(Label(title, update.Phase)), maxValue: 1.0);
                        }

                        phase = update.Phase;
                    }

                    reported = true;
                    var label = Label(title, phase);
                    task.Value = Math.Clamp(update.Fraction, 0, 1);
                    task.Description = Markup.Escape(update.Detail is null ? label : $"{label}  {update.Detail}");
                });
                value = await work(progress).ConfigureAwait(false);
                task.Value = 1.0;
            }).ConfigureAwait(false);
        return value;
    }

    /// <summary>A progress line's label: the title, and the phase in parentheses (<c>train (refit on all pairs)</c>).</summary>
    private static string Label(string title, string? phase) => phase is null ? title : $"{title} ({phase})";

    private sealed class SynchronousProgress(Action<ProgressUpdate> report) : IProgress<ProgressUpdate>
    {
        public void Report(ProgressUpdate value) => report(value);
    }

    private sealed class PlainProgress(TextWriter writer, string title) : IProgress<ProgressUpdate>
    {
        private int _lastDecile = -1;
        private string? _lastDetail;
        private string? _phase;

        public void Report(ProgressUpdate value)
        {
            if (value.Phase != _phase)
            {
                // A new phase: the previous one (if it reported) ends at 100% first, then the new one counts from 0.
                if (_lastDecile >= 0)
                {
                    Complete();
                }

                _phase = value.Phase;
                _lastDecile = -1;
                _lastDetail = null;
            }

            var decile = (int)Math.Floor(Math.Clamp(value.Fraction, 0, 1) * 10);
            if (decile == _lastDecile && !value.Force)
            {
                return;
            }

            _lastDecile = decile;
            _lastDetail = value.Detail;
            Write(decile * 10, value.Detail);
        }

        public void Complete()
        {
            if (_lastDecile < 10)
            {
                _lastDecile = 10;
                Write(100, _lastDetail);
            }
        }

        private void Write(int percent, string? detail)
        {
            var label = Label(title, _phase);
            writer.WriteLine(detail is null ? $"{label}: {percent}%" : $"{label}: {percent}%  {detail}");
        }
    }
}

/// <summary>
/// A progress report: the fraction done (of the phase, when there is one), an optional detail (for example loss and
/// accuracy), whether to print it even if the fraction did not move, and the phase it belongs to (for example
/// <c>validated fit</c>, then <c>refit on all pairs</c>), or <see langword="null"/> for work in one piece.
/// </summary>
internal readonly record struct ProgressUpdate(double Fraction, string? Detail = null, bool Force = false, string? Phase = null);
