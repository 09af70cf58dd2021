// Namespaces that many files of this package use.
global using System.Text;
global using Microsoft.Extensions.AI;
global using Microsoft.Extensions.Options;
