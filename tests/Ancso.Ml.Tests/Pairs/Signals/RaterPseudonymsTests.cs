using Ancso.Ml.Pairs.Signals;
using Microsoft.Extensions.Options;

namespace Ancso.Ml.Tests.Pairs.Signals;

public class RaterPseudonymsTests
{
    private const string Person = "alice@example.com";

    private static IEnumerable<TestCaseData> BadIds(string member)
    {
        // Built at run time: a lone surrogate does not survive an attribute's UTF-8 encoding.
        TestCaseData Case(string name, string id) => new TestCaseData(id).SetName($"{member}_{name}_ThrowsArgumentExceptionWithoutTheId");

        yield return Case("Empty", "");
        yield return Case("Whitespace", " \t ");
        yield return Case("LongerThan256", Person + new string('x', 257 - Person.Length));
        yield return Case("ControlCharacter", Person + "\n");
        yield return Case("NulCharacter", "alice\0@example.com");
        yield return Case("LoneHighSurrogate", Person + "\ud83d");
        yield return Case("LoneLowSurrogate", "\ude00" + Person);
        yield return Case("SwappedSurrogates", Person + "\ude00\ud83d");
    }

    [Test]
    public void Compute_Rfc4231TestCase6_GivesTheFirst128BitsOfTheKnownHmac()
    {
        // RFC 4231, test case 6: a 131-byte key of 0xaa; HMAC-SHA-256 = 60e431591ee0b67f0d8a26aacbf5b77f 8e0bc6213728c5140546040f0ee37f54.
        var key = Enumerable.Repeat((byte)0xaa, 131).ToArray();

        var pseudonym = RaterPseudonyms.Compute(key, "Test Using Larger Than Block-Size Key - Hash Key First");

        Assert.That(pseudonym, Is.EqualTo("r_60e431591ee0b67f0d8a26aacbf5b77f"));
    }

    [Test]
    public void Pseudonymize_Rfc4231TestCase6KeyFromOptions_GivesTheKnownAnswer()
    {
        var key = Convert.ToBase64String(Enumerable.Repeat((byte)0xaa, 131).ToArray());

        var pseudonym = TestPseudonymizer.Create(key).Pseudonymize("Test Using Larger Than Block-Size Key - Hash Key First");

        Assert.That(pseudonym, Is.EqualTo("r_60e431591ee0b67f0d8a26aacbf5b77f"));
    }

    [TestCase("alice@example.com")]
    [TestCase("42")]
    [TestCase("Zoë Ångström 👩‍💻")]
    [TestCase("用户-1138")]
    public void Pseudonymize_AnyId_IsHmacSha256OfTheUtf8IdComputedIndependently(string id)
    {
        var pseudonym = TestPseudonymizer.Create().Pseudonymize(id);

        Assert.That(pseudonym, Is.EqualTo(TestRaterKeys.Expected(id)));
        Assert.That(RaterPseudonyms.Compute(TestRaterKeys.Key, id), Is.EqualTo(pseudonym));
    }

    [Test]
    public void Pseudonymize_SameIdSameKey_GivesTheSamePseudonymAcrossInstances()
    {
        var first = TestPseudonymizer.Create().Pseudonymize(Person);
        var second = TestPseudonymizer.Create().Pseudonymize(Person);

        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Pseudonymize_OtherKey_GivesAnotherPseudonym()
    {
        var first = TestPseudonymizer.Create().Pseudonymize(Person);
        var other = TestPseudonymizer.Create(TestRaterKeys.OtherKeyBase64).Pseudonymize(Person);

        Assert.That(other, Is.Not.EqualTo(first));
        Assert.That(other, Is.EqualTo(TestRaterKeys.Expected(TestRaterKeys.OtherKey, Person)));
    }

    [Test]
    public void Pseudonymize_OtherIds_GiveOtherPseudonyms()
    {
        var pseudonymizer = TestPseudonymizer.Create();

        var pseudonyms = new[] { "alice", "Alice", "alice ", "bob" }.Select(pseudonymizer.Pseudonymize).ToList();

        Assert.That(pseudonyms, Is.Unique);
    }

    [Test]
    public void Pseudonymize_AnyId_HasTheDocumentedFormAndHidesTheId()
    {
        var pseudonym = TestPseudonymizer.Create().Pseudonymize(Person);

        Assert.That(pseudonym, Does.Match("^r_[0-9a-f]{32}$"));
        Assert.That(pseudonym, Has.Length.EqualTo(RaterPseudonyms.Length));
        Assert.That(RaterPseudonyms.IsValid(pseudonym), Is.True);
        Assert.That(pseudonym, Does.Not.Contain("alice"));
    }

    [Test]
    public void Pseudonymize_IdOf256Characters_IsAccepted()
    {
        var id = new string('x', RaterPseudonyms.MaxRaterIdLength);

        Assert.That(TestPseudonymizer.Create().Pseudonymize(id), Is.EqualTo(TestRaterKeys.Expected(id)));
    }

    [TestCaseSource(nameof(BadIds), new object[] { "Pseudonymize" })]
    public void Pseudonymize_BadId_Throws(string id)
    {
        var e = Assert.Throws<ArgumentException>(() => TestPseudonymizer.Create().Pseudonymize(id));

        Assert.That(e!.Message, Does.Not.Contain(Person).And.Not.Contain("alice"));
        Assert.That(e.ParamName, Is.EqualTo("raterId"));
    }

    [TestCaseSource(nameof(BadIds), new object[] { "Compute" })]
    public void Compute_BadId_ThrowsArgumentExceptionWithoutTheId(string id)
    {
        var e = Assert.Throws<ArgumentException>(() => RaterPseudonyms.Compute(TestRaterKeys.Key, id));

        Assert.That(e!.Message, Does.Not.Contain(Person).And.Not.Contain("alice"));
    }

    [Test]
    public void Compute_KeyOf31Bytes_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => RaterPseudonyms.Compute(new byte[31], Person));
    }

    [Test]
    public void Pseudonymize_NoKeyConfigured_ThrowsNamingTheSettingWithoutTheId()
    {
        var pseudonymizer = new HmacRaterPseudonymizer(Options.Create(new SignalOptions()));

        var e = Assert.Throws<InvalidOperationException>(() => pseudonymizer.Pseudonymize(Person));

        Assert.That(e!.Message, Does.Contain("Ranker:Signals:RaterKey").And.Not.Contain(Person));
    }

    [TestCase("r_0123456789abcdef0123456789abcdef", true)]
    [TestCase("r_0123456789ABCDEF0123456789abcdef", false)]
    [TestCase("r_0123456789abcdef0123456789abcde", false)]
    [TestCase("r_0123456789abcdef0123456789abcdef0", false)]
    [TestCase("R_0123456789abcdef0123456789abcdef", false)]
    [TestCase("x_0123456789abcdef0123456789abcdef", false)]
    [TestCase("r_0123456789abcdef0123456789abcdeg", false)]
    [TestCase("r-0123456789abcdef0123456789abcdef", false)]
    [TestCase("r_\u0660123456789abcdef0123456789abcdef", false)]
    [TestCase("alice@example.com", false)]
    [TestCase("", false)]
    [TestCase(null, false)]
    public void IsValid_Value_IsTrueOnlyForRAndThirtyTwoLowerCaseHexDigits(string? value, bool valid)
    {
        Assert.That(RaterPseudonyms.IsValid(value), Is.EqualTo(valid));
    }
}
