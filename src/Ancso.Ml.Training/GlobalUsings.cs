// Namespaces that many files of this package use.
global using System.Globalization;
global using Ancso.Ml.Features;
global using Ancso.Ml.Learning.Influence;
global using Ancso.Ml.Models;
global using Ancso.Ml.Pairs.Storage;
global using Ancso.Ml.Training.Data;
global using Ancso.Ml.Training.Onnx;
