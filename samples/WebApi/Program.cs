using Ancso.Ml.DependencyInjection;
using Ancso.Ml.Inference;
using Ancso.Ml.Samples.WebApi;

var builder = WebApplication.CreateBuilder(args);

// Ranker:ModelsDirectory and Ranker:Pairs are relative to the current folder (dotnet run starts in this project's):
// appsettings.json points them at samples/data, which the RetrainWorker sample shares, so its models reach this API
// through hot reload.
builder.Services.AddRanker(builder.Configuration.GetSection(RankerOptions.SectionName))
    .AddSqlitePairStore()
    .AddSignals();
builder.Services.AddProblemDetails();
builder.Services.AddHealthChecks().AddCheck<RankerHealthCheck>("ranker");

var app = builder.Build();
// A body that is not JSON (thrown in Development, answered directly elsewhere) is the client's error: 400, not 500.
app.UseExceptionHandler(new ExceptionHandlerOptions
{
    StatusCodeSelector = static ex => ex is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError,
});
app.UseStatusCodePages();

// Load the active model (or settle on the heuristic) before the first request.
await app.Services.GetRequiredService<IRankerInferenceService>().InitializeAsync();

app.MapRankerEndpoints();
app.MapHealthChecks("/health", RankerHealthCheck.Options);
await app.RunAsync();

/// <summary>The entry point; public so that tests can host the app with WebApplicationFactory.</summary>
public partial class Program;
