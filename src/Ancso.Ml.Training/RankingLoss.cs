namespace Ancso.Ml.Training;

/// <summary>The pairwise loss the trainer minimises; <c>d = s_A − s_B</c>, <c>y = +1</c> when A is better, <c>−1</c> when B is.</summary>
public enum RankingLoss
{
    /// <summary>Margin ranking loss <c>max(0, margin − y·d)</c>, as the original trainer used.</summary>
    MarginRanking,

    /// <summary>Logistic (Bradley–Terry) loss <c>−log sigmoid(y·d)</c>; scores then read directly as log-odds.</summary>
    Logistic,
}
