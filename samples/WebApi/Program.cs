using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Diagnostics;
using Ancso.Ml.Samples;
using Ancso.Ml.Samples.WebApi;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

var builder = WebApplication.CreateBuilder(args);

// Ranker:ModelsDirectory, Ranker:Sqlite:DatabasePath and Ranker:Export:DatasetDirectory are relative to the current folder (dotnet run starts in this project's):
// appsettings.json points them at samples/data, which the RetrainWorker sample shares, so its models reach this API
// through hot reload. With Ranker:PostgreSql:ConnectionString set, pairs, cached embeddings and models live in that
// database instead, shared by every instance, and Ranker:ModelsDirectory holds this instance's local copy of the model.
var ranker = builder.Services.AddRanker(builder.Configuration.GetSection(RankerOptions.SectionName))
    .UseConfiguredEmbeddings(builder.Configuration)     // arctic-embed-xs in int8, which the ancso CLI trains with ("Embeddings": "hashing" to skip it)
    .AddSignals()
    .AddExportedDatasetErasure()                        // an erasure also deletes the dataset the RetrainWorker exports (Ancso.Ml.Learning)
    .WarmUpOnStart();                                   // load the model (or settle on the heuristic) before the first request
var postgreSql = builder.Configuration.GetSection("Ranker:PostgreSql");
if (string.IsNullOrWhiteSpace(postgreSql["ConnectionString"]))
{
    ranker.AddSqlitePairStore();
}
else
{
    ranker.UsePostgreSql();                             // binds Ranker:PostgreSql
}

builder.Services.AddHealthChecks().AddRankerCheck();   // Healthy on a model, Degraded on the heuristic with the reason
var telemetry = builder.Services.AddOpenTelemetry()     // the ranker's spans and metrics beside ASP.NET Core's
    .WithTracing(tracing => tracing.AddSource(RankerDiagnostics.SourceName).AddAspNetCoreInstrumentation())
    .WithMetrics(metrics => metrics.AddMeter(RankerDiagnostics.SourceName).AddAspNetCoreInstrumentation());
if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    telemetry.UseOtlpExporter();                        // traces, metrics and logs to OTEL_EXPORTER_OTLP_ENDPOINT
}

// POST /choices records who chose: the authenticated user (a JWT bearer token, configured by Authentication:Schemes:Bearer),
// stored under a keyed pseudonym (Ranker:Signals:RaterKey, required at start), at most ChoiceRateLimit per user.
// DELETE /me/data erases what was recorded for that user (IPairEraser, registered by AddSignals), at most ErasureRateLimit.
// Scoring, comparing, status and health stay open.
builder.Services.AddChoiceAuthentication();
builder.Services.AddUserRateLimits(builder.Configuration);
builder.Services.RequireRaterKey(builder.Environment);

builder.Services.AddValidation();                       // the request records' attributes: 400 naming each bad field
builder.Services.ConfigureHttpJsonOptions(options =>
    options.SerializerOptions.DictionaryKeyPolicy = System.Text.Json.JsonNamingPolicy.CamelCase);   // errors.text, as the JSON names it
builder.Services.AddProblemDetails();
builder.Services.AddOpenApi();

var app = builder.Build();
// A body that is not JSON (thrown in Development, answered directly elsewhere) is the client's error: 400, not 500.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = static ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();                               // 401, 403 and 404 with problem details
app.UseAuthentication();
app.UseAuthorization();
app.UseRateLimiter();                                   // after authorization: the limit is per authenticated user
ChoiceAuthentication.WarnIfUnconfigured(app);

app.MapOpenApi();                                       // /openapi/v1.json
app.MapRankerEndpoints();
app.MapMyDataEndpoints();                               // DELETE /me/data
app.MapHealthChecks("/health", HealthResponse.Options);
await app.RunAsync();

/// <summary>The entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
