
namespace Ancso.Ml.Learning.Bootstrap;

/// <summary>
/// Personal history and unrelated detail for <see cref="LifeStoryDegradation"/>: childhood, moves, first jobs, hobbies,
/// pets and favourite films. Profession-neutral and free of digits, so that only the relevance changes.
/// </summary>
internal static class LifeStories
{
    /// <summary>Whole sentences, for about sections, experience entries and READMEs.</summary>
    public static IReadOnlyList<string> Sentences { get; } =
    [
        "I grew up in a small town by the sea, the youngest of four, and spent every summer helping on my grandparents' farm.",
        "My family moved house a lot when I was young, so I went to five different schools before I was twelve.",
        "My first job was a paper round, and I still remember which houses had the friendliest dogs.",
        "At school I wanted to be an astronaut, then a vet, then a professional footballer.",
        "These days I live with my partner, two cats and far too many houseplants.",
        "Outside work I love hiking, board games and trying to perfect my grandmother's lasagne recipe.",
        "My favourite film is still Back to the Future, and I have watched it more times than I would like to admit.",
        "I moved to the city after college with one suitcase and a bicycle, and somehow I never left.",
        "On weekends you will usually find me at the allotment or walking our slightly badly behaved spaniel, Biscuit.",
        "I spent a year travelling after school, learned to surf badly and came home with a lifelong love of street food.",
        "I am a huge fan of detective novels and have read every Agatha Christie at least twice.",
        "My dad was a keen amateur astronomer, and some of my best memories are cold nights in the garden with his telescope.",
        "I took this job partly because it was a short walk from the flat we had just moved into.",
        "I was born in the north, grew up in the south and now split my time between the two to see family.",
    ];

    /// <summary>Short off-topic clauses, for headlines and bios.</summary>
    public static IReadOnlyList<string> Asides { get; } =
    [
        "Dog person, coffee lover and proud aunt of three", "Cat parent, amateur baker and Eurovision superfan",
        "Grew up by the sea, now a reluctant city person", "Marathon runner, board-game collector and tea snob",
        "Lover of long walks, old films and good coffee", "Parent of two, keen gardener and crime-novel addict",
        "Originally from a small farming town", "Still secretly wants to be an astronaut",
        "Moved house more times than I can count", "Back to the Future fan and weekend hiker",
    ];

    /// <summary>Short off-topic clauses about how a project came about, for repository descriptions.</summary>
    public static IReadOnlyList<string> ProjectAsides { get; } =
    [
        "started the winter we moved house, mostly at the kitchen table with the cat asleep beside me",
        "named after my childhood dog and begun on a rainy holiday at my parents' place",
        "my first project after moving to a new city, written mostly on the train at weekends",
        "something I tinkered with while my sister taught me to bake sourdough",
        "begun during a long summer at my grandparents' farm with a very slow internet connection",
    ];
}
