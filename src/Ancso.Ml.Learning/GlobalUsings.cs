// Namespaces that most of the learning side uses.
global using System.Globalization;
global using System.Text.RegularExpressions;
global using Ancso.Ml.Content;
global using Ancso.Ml.Learning.Dataset;
global using Ancso.Ml.Learning.Export;
global using Ancso.Ml.Metrics;
global using Ancso.Ml.Pairs.Storage;
