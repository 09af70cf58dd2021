using Ancso.Ml.Samples.RetrainWorker;
using Microsoft.Extensions.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.Services.AddRetrainWorker(builder.Configuration);
await builder.Build().RunAsync();
