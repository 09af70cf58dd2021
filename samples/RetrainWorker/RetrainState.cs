using System.Text.Json;

namespace Ancso.Ml.Samples.RetrainWorker;

/// <summary>What the last retraining saw, kept in a small JSON file between runs.</summary>
public sealed record RetrainState(int PairsAtLastTraining, string? ModelVersion, DateTimeOffset? TrainedAt)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static RetrainState None { get; } = new(0, null, null);

    public static async Task<RetrainState> LoadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return None;
        }

        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<RetrainState>(stream, Json, cancellationToken) ?? None;
    }

    /// <summary>Writes a temporary file, then renames it over the old one, so a crash never leaves half a state.</summary>
    public async Task SaveAsync(string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        await using (var stream = File.Create(temporary))
        {
            await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
