// Namespaces that many files of this package use.
global using System.Globalization;
global using Ancso.Ml.Content;
global using Ancso.Ml.Metrics;
global using Ancso.Ml.Models;
global using Ancso.Ml.Pairs.Storage;
global using Microsoft.Extensions.AI;
global using Microsoft.Extensions.Logging;
global using Microsoft.Extensions.Options;
