using System.Buffers;
using System.Text.Json;
using Ancso.Ml.Metrics;

namespace Ancso.Ml.Sqlite;

/// <summary>The JSON columns of the pair store: a pair's tags (an array of strings) and an item's metrics (an object keyed by metric name).</summary>
internal static class StoredJson
{
    public static string WriteTags(IReadOnlyList<string> tags)
    {
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var tag in tags)
            {
                writer.WriteStringValue(tag);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static IReadOnlyList<string> ReadTags(string json, string pairId)
    {
        try
        {
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
            {
                throw new JsonException("expected an array");
            }

            var tags = new List<string>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                tags.Add(reader.TokenType == JsonTokenType.String ? reader.GetString()! : throw new JsonException("expected a string"));
            }

            return tags;
        }
        catch (JsonException e)
        {
            throw new PairStoreException($"The tags of pair '{pairId}' in the pair store are not a JSON array of strings ({e.Message}): {json}", e);
        }
    }

    public static string WriteMetrics(ContentMetrics metrics)
    {
        var buffer = new ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var name in MetricNames.All)
            {
                writer.WriteNumber(name, metrics[name]);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ContentMetrics? ReadMetrics(string? json, string itemId)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            var values = new Dictionary<string, float>(StringComparer.Ordinal);
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException("expected an object");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString()!;
                reader.Read();
                values[name] = reader.GetSingle();
            }

            foreach (var name in MetricNames.All)
            {
                if (!values.ContainsKey(name))
                {
                    throw new JsonException($"metric '{name}' is missing");
                }
            }

            return default(ContentMetrics).WithOverrides(values);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new PairStoreException($"The metrics of item '{itemId}' in the pair store are not valid ({e.Message}): {json}", e);
        }
    }
}
