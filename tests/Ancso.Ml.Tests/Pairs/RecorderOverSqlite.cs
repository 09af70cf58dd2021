using Ancso.Ml.Pairs.Signals;
using Ancso.Ml.Sqlite;

namespace Ancso.Ml.Tests.Pairs;

/// <summary>
/// The recorder over a real SQLite file in a temporary folder, with a fake clock; made afresh for every test. A class
/// that needs a pseudonymizer (or another recorder) overrides <see cref="CreateRecorder"/>.
/// </summary>
public abstract class RecorderOverSqlite
{
    private protected PairTestDirectory Directory { get; private set; } = null!;

    private protected FakeTimeProvider Time { get; private set; } = null!;

    private protected SqlitePairStore Store { get; set; } = null!;

    private protected TrainingSignalRecorder Recorder { get; private set; } = null!;

    [SetUp]
    public void SetUpRecorder()
    {
        Directory = new PairTestDirectory();
        Time = TestClock.Create();
        Store = new SqlitePairStore(new SqlitePairStoreOptions { DatabasePath = Directory.File("pairs.db") }, Time);
        Recorder = CreateRecorder(Store, Time);
    }

    [TearDown]
    public void TearDownRecorder()
    {
        Store.Dispose();
        Directory.Dispose();
    }

    private protected virtual TrainingSignalRecorder CreateRecorder(SqlitePairStore store, FakeTimeProvider time) => new(store, time);
}
