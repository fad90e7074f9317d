namespace AmbassadorCanary.Analysis.Judgment;

/// <summary>The standard normal distribution's tail, accurate in the far tail (where p-values of big samples live).</summary>
internal static class NormalDistribution
{
    /// <summary>P(Z &gt; z) for a standard normal Z.</summary>
    public static double UpperTail(double z) => 0.5 * Erfc(z / Math.Sqrt(2));

    /// <summary>Complementary error function by W. J. Cody's rational approximations (relative error near 1e-15, tails included).</summary>
    public static double Erfc(double x)
    {
        if (double.IsNaN(x))
        {
            return double.NaN;
        }

        var ax = Math.Abs(x);
        double result;
        if (ax < 0.5)
        {
            return 1 - Erf(x);
        }

        if (ax < 4)
        {
            result = Math.Exp(-ax * ax) * Rational(ax, ErfcMidP, ErfcMidQ);
        }
        else
        {
            var z = 1 / (ax * ax);
            var r = z * Rational(z, ErfcTailP, ErfcTailQ);
            result = Math.Exp(-ax * ax) / ax * ((1 / Math.Sqrt(Math.PI)) + r);
        }

        return x < 0 ? 2 - result : result;
    }

    private static double Erf(double x)
    {
        var z = x * x;
        return x * Rational(z, ErfP, ErfQ);
    }

    private static double Rational(double x, double[] p, double[] q)
    {
        double num = 0, den = 0;
        for (var i = p.Length - 1; i >= 0; i--)
        {
            num = (num * x) + p[i];
        }

        for (var i = q.Length - 1; i >= 0; i--)
        {
            den = (den * x) + q[i];
        }

        return num / den;
    }

    // Cody (1969), Math. Comp. 23:631, coefficients for |x| < 0.5 (erf), 0.5..4 and >= 4 (erfc).
    private static readonly double[] ErfP = [3.209377589138469472562e03, 3.774852376853020208137e02, 1.138641541510501556495e02, 3.161123743870565596947e00, 1.857777061846031526730e-1];
    private static readonly double[] ErfQ = [2.844236833439170622273e03, 1.282616526077372275645e03, 2.440246379344441733056e02, 2.360129095234412093499e01, 1.0];
    private static readonly double[] ErfcMidP = [1.23033935479799725272e03, 2.05107837782607146532e03, 1.71204761263407058314e03, 8.81952221241769090411e02, 2.98635138197400131132e02, 6.61191906371416294775e01, 8.88314979438837594118e00, 5.64188496988670089180e-1, 2.15311535474403846343e-8];
    private static readonly double[] ErfcMidQ = [1.23033935480374942043e03, 3.43936767414372163696e03, 4.36261909014324715820e03, 3.29079923573345962678e03, 1.62138957456669018874e03, 5.37181101862009857509e02, 1.17693950891312499305e02, 1.57449261107098347253e01, 1.0];
    private static readonly double[] ErfcTailP = [-6.58749161529837803157e-4, -1.60837851487422766278e-2, -1.25781726111229246204e-1, -3.60344899949804439429e-1, -3.05326634961232344035e-1, -1.63153871373020978498e-2];
    private static readonly double[] ErfcTailQ = [2.33520497626869185443e-3, 6.05183413124413191178e-2, 5.27905102951428412248e-1, 1.87295284992346725209e00, 2.56852019228982242072e00, 1.0];
}
