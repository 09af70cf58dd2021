using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using Ancso.Ml.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Ancso.Ml.Samples.Tests.WebApi;

/// <summary>The sample exports over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set: here, to a local stand-in collector.</summary>
public class WebApiOtlpTests
{
    [Test]
    public async Task Score_OtlpEndpointConfigured_ExportsTheRankersSpansToIt()
    {
        using var collector = new CollectorStandIn();
        using var folder = new TempFolder();
        using var sample = new WebApiFactory(folder);
        using var factory = sample.WithWebHostBuilder(builder => builder
            .UseSetting("OTEL_EXPORTER_OTLP_ENDPOINT", collector.Address)
            .UseSetting("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf"));
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync(new Uri("/score", UriKind.Relative), new { platform = "github", section = "bio", text = "Maintainer of PgPool Lite." });
        response.EnsureSuccessStatusCode();

        // OTLP/protobuf carries span names and attribute keys as UTF-8 strings.
        var tracer = factory.Services.GetRequiredService<TracerProvider>();
        var exported = await Eventually.WaitForAsync(
            () => tracer.ForceFlush(),
            () => collector.Received.Where(r => r.Path == "/v1/traces").ToList(),
            traces => traces.Any(r => Contains(r.Body, RankerDiagnostics.ScoreActivity)),
            "the score span at the collector's /v1/traces");
        Assert.That(exported.Any(r => Contains(r.Body, RankerDiagnostics.ScoreActivity) && Contains(r.Body, RankerDiagnostics.ProvenanceTag)), Is.True);
    }

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    /// <summary>An HTTP listener on a free local port that answers every request 200 and keeps its path and body.</summary>
    private sealed class CollectorStandIn : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly List<(string Path, byte[] Body)> _received = [];
        private readonly Task _loop;

        public CollectorStandIn()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            Address = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Address + "/");
            _listener.Start();
            _loop = Task.Run(ServeAsync);
        }

        public string Address { get; }

        public IReadOnlyList<(string Path, byte[] Body)> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public void Dispose()
        {
            _listener.Close();
            try
            {
                _loop.Wait(TimeSpan.FromSeconds(5));
            }
            catch (AggregateException)
            {
            }
        }

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (_received)
                {
                    _received.Add((context.Request.Url!.AbsolutePath, body.ToArray()));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
    }
}
