using Ancso.Ml.Testing.Pairs;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Ancso.Ml.Sqlite.Tests;

/// <summary>The pair store contract against the SQLite store, in a fresh file per test.</summary>
public sealed class SqlitePairStoreContractTests : PairStoreContractTests
{
    private string _folder = null!;

    protected override void NewStore()
    {
        _folder = Path.Combine(Path.GetTempPath(), "ancso-contract-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
    }

    protected override void AddStore(IRankerBuilder ranker) =>
        ranker.AddSqlitePairStore(o => o.DatabasePath = Path.Combine(_folder, "pairs.db"));

    protected override void DeleteStore()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean.
        }
    }
}
