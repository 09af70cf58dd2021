// Namespaces that many files of this package use.
global using System.Globalization;
global using Ancso.Ml.Models;
global using Ancso.Ml.Pairs.Storage;
global using Ancso.Ml.PostgreSql.Database;
global using Microsoft.Extensions.Logging;
global using Npgsql;
global using NpgsqlTypes;
