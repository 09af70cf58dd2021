using Ancso.Ml.Learning.Dataset;

namespace Ancso.Ml.Training.Data;

/// <summary>Training errors at a place in a dataset.</summary>
internal static class DatasetErrors
{
    /// <summary>An <see cref="RankerTrainingErrorKind.InvalidData"/> error naming the place and the field, what is wrong and what to do.</summary>
    public static RankerTrainingException Error(this in DatasetPosition at, string field, string problem, string remedy) =>
        new(RankerTrainingErrorKind.InvalidData, $"{at.Describe()}, field '{field}': {problem} {remedy}", FileOf(at), at.Line ?? (at.Source is null ? at.Number : null), field);

    /// <summary>The file a position is in, or <see langword="null"/> for the pair store and pairs handed in.</summary>
    public static string? FileOf(in DatasetPosition at) =>
        at.Source is null || at.Source == PairStoreDatasetReader.SourceName ? null : at.Source;
}
