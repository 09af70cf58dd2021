using System.Globalization;

namespace Ancso.Ml.Training.Data;

/// <summary>Where a pair came from: a line of a dataset file, or an index into pairs handed in.</summary>
/// <param name="FilePath">The dataset file, or <see langword="null"/> for pairs handed in.</param>
/// <param name="Line">The 1-based line, or for pairs handed in the 1-based position.</param>
internal readonly record struct DataLocation(string? FilePath, long Line)
{
    public string Describe() => FilePath is null
        ? string.Create(CultureInfo.InvariantCulture, $"pair #{Line} of the pairs handed in (Pairs[{Line - 1}])")
        : string.Create(CultureInfo.InvariantCulture, $"{FilePath} line {Line}");

    public RankerTrainingException Error(string field, string problem, string remedy) =>
        new(RankerTrainingErrorKind.InvalidData, $"{Describe()}, field '{field}': {problem} {remedy}", FilePath, Line, field);
}
