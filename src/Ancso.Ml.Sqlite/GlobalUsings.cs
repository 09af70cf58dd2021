// Namespaces that many files of this package use.
global using System.Globalization;
global using System.Text;
global using Ancso.Ml.Pairs.Storage;
global using Microsoft.Data.Sqlite;
global using Microsoft.Extensions.Logging;
