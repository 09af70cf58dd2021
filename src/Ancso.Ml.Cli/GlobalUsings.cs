// Namespaces that most commands use.
global using System.CommandLine;
global using System.Globalization;
global using Ancso.Ml.Cli.Infrastructure;
global using Ancso.Ml.Content;
global using Ancso.Ml.Features;
global using Ancso.Ml.Inference;
global using Ancso.Ml.Learning.Dataset;
global using Ancso.Ml.Learning.Export;
global using Ancso.Ml.Metrics;
global using Ancso.Ml.Models;
global using Ancso.Ml.Pairs.Storage;
global using Ancso.Ml.Reasons;
global using Ancso.Ml.Training;
