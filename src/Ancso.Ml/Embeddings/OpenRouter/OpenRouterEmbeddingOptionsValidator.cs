namespace Ancso.Ml.Embeddings.OpenRouter;

/// <summary>Validates the data annotations of <see cref="OpenRouterEmbeddingOptions"/> (source-generated).</summary>
[OptionsValidator]
internal sealed partial class OpenRouterEmbeddingOptionsValidator : IValidateOptions<OpenRouterEmbeddingOptions>
{
}
