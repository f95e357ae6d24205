package org.sbi4j.estimators.lwf;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sbi4j.api.InferenceProblem;
import org.sbi4j.api.TrainingListener;
import org.sbi4j.simulators.mixtures.SignSymmetricPosterior;
import org.sbi4j.simulators.mixtures.SignSymmetricSimulator;
import org.sbi4j.testing.SeededFitContext;
import org.sbi4j.testing.SeededRandom;

/**
 * Sign-symmetric 2-D (x = θ² + 0.1·ε, prior U(−3, 3)²) at x₀ = (1, 1.44): four modes at (±1, ±1.2), each about
 * 0.05 wide, so a prior proposal of 3,000 draws has an effective sample size of a few and the proposal must adapt.
 * One non-amortised fit per proposal ({@code flow}: tempering and a pilot flow; {@code mixture}, the default for
 * one observation: population Monte Carlo) with a 4-component mixture base (seed 1) serves the checks.
 */
class TestLwfSignSymmetric {
    private static final double[] X0 = {1.0, 1.44};
    private static final SignSymmetricSimulator SIMULATOR = new SignSymmetricSimulator(2, 0.1, 3);

    private static LwfPosterior posterior;
    private static LwfPosterior pmc;
    private static final List<String> MESSAGES = new ArrayList<>();
    private static final List<String> PMC_MESSAGES = new ArrayList<>();

    @BeforeAll
    static void fit() {
        posterior = fit(ProposalType.FLOW, MESSAGES);
        pmc = fit(ProposalType.AUTO, PMC_MESSAGES);
    }

    private static LwfPosterior fit(ProposalType proposal, List<String> messages) {
        LwfSettings settings = new LwfSettings();
        settings.observation = X0.clone();
        settings.draws = 3000;
        settings.components = "4";
        settings.transforms = 3;
        settings.proposal = proposal;
        InferenceProblem problem = new InferenceProblem(SIMULATOR.defaultPrior().orElseThrow(), SIMULATOR, null);
        return new LwfEstimator(settings).fit(problem, SeededFitContext.of(1).withSimulator(SIMULATOR)
                .withListener(new TrainingListener() {
                    @Override
                    public void onMessage(String message) {
                        messages.add(message);
                    }
                }));
    }

    @Test
    void theMixtureProposalReachesThousandsOfEffectiveDrawsWithNoMoreEvaluations() {
        Map<String, Double> stats = pmc.trainingSummary().statistics();
        Map<String, Double> flow = posterior.trainingSummary().statistics();
        System.out.println("TestLwfSignSymmetric (mixture proposal): " + stats);
        PMC_MESSAGES.forEach(m -> System.out.println("TestLwfSignSymmetric (mixture proposal): " + m));
        assertThat(stats.get("round-0-tempered")).as("no pilot, so nothing to temper for").isZero();
        assertThat(stats.get("round-1-proposal-components-median")).isBetween(1.0, 8.0);
        assertThat(stats.get("pooled-ess-median")).as("pooled ESS; the flow proposal's: %s",
                flow.get("pooled-ess-median")).isGreaterThan(1500).isGreaterThan(1.5 * flow.get("pooled-ess-median"));
        assertThat(stats.get("likelihood-evaluations")).isLessThanOrEqualTo(flow.get("likelihood-evaluations"));
        assertThat(PMC_MESSAGES).anyMatch(m -> m.contains("fitted by weighted EM to the earlier draws, 3 refits"));
        assertModesSeparated(pmc);
    }

    @Test
    void collapsedWeightsTriggerTemperingAndADefensiveMixture() {
        Map<String, Double> stats = posterior.trainingSummary().statistics();
        System.out.println("TestLwfSignSymmetric: " + stats);
        MESSAGES.forEach(m -> System.out.println("TestLwfSignSymmetric: " + m));
        assertThat(stats.get("round-0-ess-median")).as("ESS of 3,000 prior draws").isLessThan(30);
        assertThat(stats.get("round-0-tempered")).isEqualTo(1.0);
        assertThat(stats.get("round-1-observations")).isEqualTo(1.0);
        assertThat(stats.get("final-ess-median")).as("ESS after adaptation").isGreaterThan(300);
        assertThat(stats.get("pooled-ess-median")).as("ESS of every round's draws, deterministic-mixture weights")
                .isGreaterThan(stats.get("final-ess-median"));
        assertThat(stats.get("final-collapsed-share")).isZero();
        assertThat(stats.get("likelihood-evaluations")).isGreaterThanOrEqualTo(6000);
        assertThat(MESSAGES).anyMatch(m -> m.contains("tempered 1 of them"))
                .anyMatch(m -> m.contains("defensive mixture"));
    }

    @Test
    void theMixtureBaseSeparatesTheFourModes() {
        assertModesSeparated(posterior);
    }

    private static void assertModesSeparated(LwfPosterior q) {
        SignSymmetricPosterior exact = SIMULATOR.posterior(X0);
        double[][] draws = q.sample(X0, 10_000, SeededRandom.of(2));
        double[][] reference = exact.sample(10_000, SeededRandom.of(3));
        double logMax = Double.NEGATIVE_INFINITY;
        for (double[] theta : reference) {
            logMax = Math.max(logMax, exact.logDensity(theta));
        }
        double threshold = logMax + Math.log(0.01);
        int[] quadrant = new int[4];
        int bridge = 0;
        int exactBridge = 0;
        for (int i = 0; i < draws.length; i++) {
            quadrant[(draws[i][0] > 0 ? 1 : 0) + (draws[i][1] > 0 ? 2 : 0)]++;
            bridge += exact.logDensity(draws[i]) < threshold ? 1 : 0;
            exactBridge += exact.logDensity(reference[i]) < threshold ? 1 : 0;
        }
        System.out.printf("TestLwfSignSymmetric: quadrants %s, bridge mass q %.4f, exact %.4f%n",
                java.util.Arrays.toString(quadrant), bridge / 1e4, exactBridge / 1e4);
        for (int count : quadrant) {
            assertThat(count / 1e4).as("share of a mode (exact 0.25)").isBetween(0.2, 0.3);
        }
        assertThat(bridge / 1e4).as("q-mass where the exact density is below 1% of its peak").isLessThan(0.03);
    }
}
