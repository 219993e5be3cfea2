package io.tradingjobs.alerts.sentiment;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The default {@link SentimentAnalyzer}: a finance lexicon for English and French news with
 * negation handling. Deterministic, fast (microseconds per headline), thread-safe, no model.
 *
 * <h2>How it scores</h2>
 * <ol>
 *   <li>The text is lower-cased and stripped of accents ({@code chuté} = {@code chute}); English
 *       {@code n't} becomes {@code not}; French elisions split ({@code n'a} = {@code n a}).</li>
 *   <li>Each word found in the lexicon adds its weight: +1 or -1, +/-2 for strong words
 *       ({@code surge}, {@code plunge}, {@code fraud}, {@code bankruptcy}, {@code s'effondre},
 *       {@code faillite}, {@code record}...). Entries ending in {@code *} match any word starting
 *       so ({@code augment*} covers {@code augmente}, {@code augmentation}). An intensifier just
 *       before ({@code sharply}, {@code strongly}, {@code fortement}, {@code nettement}...)
 *       multiplies the next weight by 1.5.</li>
 *   <li>Negation flips and damps a weight (x -0.75): in English for up to three words after
 *       {@code not}, {@code no}, {@code never}, {@code without}, {@code hardly}...; in French for
 *       the words between {@code ne}/{@code n'} and {@code pas}, {@code plus}, {@code jamais},
 *       {@code guere}, {@code rien}, {@code aucun} and the three words after them, and for up to
 *       three words after {@code sans}, {@code aucun(e)} or {@code non}.</li>
 *   <li>The sum {@code s} becomes {@code s / sqrt(s^2 + 4)}, in (-1, 1): one plain negative word
 *       gives -0.45, two give -0.71. Labels: at least +0.2 positive, at most -0.2 negative.</li>
 * </ol>
 *
 * <h2>Limits</h2>
 * A bag of words: it does not know whom a word is about ("a rival's losses" counts as negative),
 * negation reaches verbs and adjectives near it but a positive noun keeps its weight ("le bénéfice
 * n'augmente plus" nets out neutral: +1 for bénéfice, -0.75 for the negated augmente),
 * reads no sarcasm or hedging ("could fall" counts as falling), knows nothing of context-dependent
 * polarity ("rate cut" is good for borrowers), and reads neither Arabic nor Tunisian Arabizi (the
 * BVMT seed's social media). Labelled tests put it right on plain headlines; for
 * nuanced text bind a FinBERT-class model instead (see {@link SentimentAnalyzer}).
 */
public final class LexiconSentimentAnalyzer implements SentimentAnalyzer {
    /** The name stored with each score. */
    public static final String NAME = "lexicon-v1";

    private static final Map<String, Double> WORDS = new HashMap<>();
    private static final List<Map.Entry<String, Double>> PREFIXES = new ArrayList<>();

    private static final Set<String> EN_NEGATORS = Set.of("not", "no", "never", "without", "hardly", "barely", "nor", "neither",
            "cannot", "lack", "lacks", "lacked", "fails", "failed");
    private static final Set<String> FR_NE = Set.of("ne", "n");
    private static final Set<String> FR_CLOSERS = Set.of("pas", "plus", "jamais", "guere", "rien", "aucun", "aucune", "point", "nullement");
    private static final Set<String> FR_NEGATORS = Set.of("sans", "aucun", "aucune", "non", "ni");
    private static final Set<String> INTENSIFIERS = Set.of("sharply", "strongly", "significantly", "heavily", "very", "massively",
            "steeply", "fortement", "nettement", "tres", "massivement", "lourdement", "considerablement", "brutalement");
    private static final Set<String> EN_STOP = Set.of("the", "and", "of", "to", "in", "is", "for", "on", "with", "its", "by", "as", "after", "than");
    private static final Set<String> FR_STOP = Set.of("le", "la", "les", "des", "du", "de", "et", "un", "une", "est", "pour", "sur", "au", "aux",
            "dans", "par", "son", "ses", "apres", "que");

    static {
        // English, positive
        add(1, "gain", "gains", "gained", "rise", "rises", "rose", "rising", "jump", "jumps", "jumped", "rally", "rallies", "rallied",
                "beat", "beats", "profit", "profits", "profitable", "growth", "grow", "grows", "grew", "strong", "stronger",
                "outperform", "outperforms", "bullish", "boost", "boosts", "boosted", "dividend", "buyback", "expansion", "exceed",
                "exceeds", "exceeded", "robust", "recovery", "rebound", "rebounds", "rebounded", "win", "wins", "won", "approval",
                "approved", "optimistic", "positive", "improve", "improves", "improved", "improvement", "higher", "upbeat", "climb",
                "climbs", "climbed", "advance", "advances", "advanced", "upgrade*", "success", "successful", "award", "awarded");
        add(2, "surge", "surges", "surged", "soar", "soars", "soared", "record", "skyrocket*", "blowout", "windfall");
        // English, negative
        add(-1, "loss", "losses", "fall", "falls", "fell", "drop", "drops", "dropped", "decline", "declines", "declined", "slump",
                "slumps", "slumped", "tumble", "tumbles", "tumbled", "miss", "misses", "missed", "weak", "weaker", "weakness",
                "downgrade*", "underperform", "underperforms", "bearish", "lawsuit", "investigation", "probe", "layoffs", "layoff",
                "warning", "warns", "warned", "halt", "halted", "suspended", "penalty", "fine", "fined", "debt", "concern", "concerns",
                "lower", "negative", "deficit", "resigns", "resigned", "delay", "delayed", "slowdown", "sell-off", "selloff", "shortfall",
                "lose", "loses", "lost", "worse", "worst", "risk", "risks", "pessimistic", "cut", "cuts");
        add(-2, "plunge", "plunges", "plunged", "crash", "crashes", "crashed", "collapse", "collapses", "collapsed", "fraud",
                "scandal", "bankrupt*", "insolven*", "default", "defaults", "defaulted", "embezzlement", "plummet*", "tank", "tanks", "tanked");
        // French, positive
        add(1, "hausse", "haussier", "progresse", "progressent", "progression", "grimpe", "grimpent", "augment*", "benefice",
                "benefices", "croissance", "solide", "solides", "dividende", "dividendes", "amelior*", "positif", "positive",
                "optimiste", "succes", "rebond", "rebondit", "excedent", "excedentaire", "releve", "relevement", "gagne", "gagnent",
                "renforce", "renforcement", "redresse", "favorable", "favorables", "depasse", "depassent", "performant");
        add(2, "bondit", "bond", "envol*", "flambe", "flambee");
        // French, negative
        add(-1, "baisse", "baissier", "recul", "recule", "reculent", "perte", "pertes", "deficit", "deficitaire", "degrad*", "enquete",
                "amende", "sanction", "sanctions", "suspension", "suspendu", "suspendue", "retard", "licenci*", "avertissement",
                "risque", "risques", "inquietude", "inquietudes", "dette", "dettes", "endettement", "negatif", "negative", "pessimiste",
                "ralentissement", "deceptif", "decevant", "decevants", "decoit", "diminu*", "repli", "replie", "perd", "perdent",
                "difficulte", "difficultes", "litige", "contentieux", "defavorable", "fragile");
        add(-2, "chute", "chutent", "plonge", "plongent", "plongeon", "effondr*", "faillite", "fraude", "scandale", "detournement",
                "krach", "insolvab*", "cessation");
    }

    private static void add(double weight, String... words) {
        for (String w : words) {
            String k = fold(w);
            if (k.endsWith("*")) {
                PREFIXES.add(Map.entry(k.substring(0, k.length() - 1), weight));
            } else {
                WORDS.put(k, weight);
            }
        }
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Sentiment analyze(String text, String languageHint) {
        if (text == null || text.isBlank()) {
            return Sentiment.of(0, NAME);
        }
        String[] tokens = tokens(text);
        double sum = 0;
        int englishNegation = 0; // words left in an English negation's scope
        int frenchTail = 0; // words left after a French closer (pas, jamais...)
        int frenchNegation = 0; // words left after sans / aucun / non
        boolean insideNePas = false;
        double intensity = 1;
        for (int i = 0; i < tokens.length; i++) {
            String t = tokens[i];
            if (EN_NEGATORS.contains(t)) {
                englishNegation = 3;
                continue;
            }
            if (FR_NE.contains(t) && closerAhead(tokens, i + 1)) {
                insideNePas = true;
                continue;
            }
            if (FR_CLOSERS.contains(t) && insideNePas) {
                insideNePas = false;
                frenchTail = 3;
                continue;
            }
            if (FR_NEGATORS.contains(t)) {
                frenchNegation = 3;
                continue;
            }
            if (INTENSIFIERS.contains(t)) {
                intensity = 1.5;
                continue;
            }
            double w = weight(t);
            boolean negated = englishNegation > 0 || insideNePas || frenchTail > 0 || frenchNegation > 0;
            if (w != 0) {
                sum += w * intensity * (negated ? -0.75 : 1.0);
                intensity = 1;
            }
            englishNegation = Math.max(0, englishNegation - 1);
            frenchTail = Math.max(0, frenchTail - 1);
            frenchNegation = Math.max(0, frenchNegation - 1);
        }
        double score = sum / Math.sqrt(sum * sum + 4);
        return Sentiment.of(Math.max(-1, Math.min(1, score)), NAME);
    }

    /**
     * The language of {@code text} by counting common words: {@code fr}, {@code en}, or the hint
     * (else {@code en}) when it cannot tell.
     */
    public static String language(String text, String hint) {
        if (text == null) {
            return hint;
        }
        int en = 0;
        int fr = 0;
        for (String t : tokens(text)) {
            if (EN_STOP.contains(t)) {
                en++;
            }
            if (FR_STOP.contains(t)) {
                fr++;
            }
        }
        if (fr > en) {
            return "fr";
        }
        if (en > fr) {
            return "en";
        }
        return hint != null ? hint : "en";
    }

    private static boolean closerAhead(String[] tokens, int from) {
        for (int j = from; j < Math.min(tokens.length, from + 5); j++) {
            if (FR_CLOSERS.contains(tokens[j])) {
                return true;
            }
        }
        return false;
    }

    private static double weight(String token) {
        Double w = WORDS.get(token);
        if (w != null) {
            return w;
        }
        for (Map.Entry<String, Double> p : PREFIXES) {
            if (token.startsWith(p.getKey())) {
                return p.getValue();
            }
        }
        return 0;
    }

    static String[] tokens(String text) {
        String t = fold(text).replace("n't", " not").replace('\'', ' ');
        return java.util.Arrays.stream(t.split("[^a-z0-9-]+")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    private static String fold(String s) {
        String n = Normalizer.normalize(s.toLowerCase(Locale.ROOT), Normalizer.Form.NFD);
        return n.replaceAll("\\p{M}+", "").replace("’", "'");
    }
}
