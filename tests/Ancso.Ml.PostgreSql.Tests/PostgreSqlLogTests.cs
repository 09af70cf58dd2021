using System.Reflection;
using Microsoft.Extensions.Logging;

namespace Ancso.Ml.PostgreSql.Tests;

public sealed class PostgreSqlLogTests
{
    [Test]
    public void EventIds_EveryLogMessageOfThePackage_IsUniqueAndInTheRange3800To3899()
    {
        var ids = typeof(PostgreSqlOptions).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m.Name, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Method, Id: x.Attribute!.EventId))
            .ToList();

        Assert.That(ids, Has.Count.GreaterThan(10));
        Assert.That(ids.Select(x => x.Id), Is.Unique);
        Assert.That(ids.Where(x => x.Id is < 3800 or > 3899).Select(x => x.Method), Is.Empty);
    }
}
