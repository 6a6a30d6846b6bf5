package dev.loupe.core.metrics.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.loupe.core.LoupeException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IssueRulesTest {
    @TempDir
    Path project;

    @Test
    void defaultsFollowCleanVisionsThresholds() {
        List<IssueRule> rules = IssueRules.forProject(project);
        assertThat(rules).isSameAs(IssueRules.defaults());
        assertThat(rule(rules, "dark").expression()).isEqualTo("image.perceived_brightness_p99 < 0.32");
        assertThat(rule(rules, "low_information").expression()).isEqualTo("image.entropy < 3");
        assertThat(rule(rules, "too_many_objects").expression()).isEqualTo("image.object_count > 10000");
        assertThat(rule(rules, "duplicate_annotation").expression()).isEqualTo("annotation.duplicate_overlap >= 0.6");
        assertThat(rules).extracting(IssueRule::id).doesNotHaveDuplicates();
    }

    @Test
    void aProjectCanChangeAThresholdOrSwitchARuleOff() throws IOException {
        Files.writeString(project.resolve(IssueRules.FILE), "dark = 0.25\ntiny_object = off\n");
        List<IssueRule> rules = IssueRules.forProject(project);
        assertThat(rule(rules, "dark").conditions().get(0).threshold()).isEqualTo(0.25);
        assertThat(rules).extracting(IssueRule::id).doesNotContain("tiny_object").hasSize(IssueRules.defaults().size() - 1);
    }

    @Test
    void unknownRulesAndBadValuesAreNamed() throws IOException {
        Files.writeString(project.resolve(IssueRules.FILE), "darkk = 0.2\n");
        assertThatThrownBy(() -> IssueRules.forProject(project)).isInstanceOf(LoupeException.class)
                .hasMessageContaining("unknown rule 'darkk'");
        Files.writeString(project.resolve(IssueRules.FILE), "dark = dim\n");
        assertThatThrownBy(() -> IssueRules.forProject(project)).isInstanceOf(LoupeException.class)
                .hasMessageContaining("dark = dim: expected a number or 'off'");
    }

    @Test
    void conditionsCompareAsTheirSymbolSays() {
        assertThat(Condition.Op.LT.test(1, 2)).isTrue();
        assertThat(Condition.Op.LE.test(2, 2)).isTrue();
        assertThat(Condition.Op.GT.test(2, 2)).isFalse();
        assertThat(Condition.Op.GE.test(2, 2)).isTrue();
        assertThat(Condition.Op.EQ.test(1, 1)).isTrue();
    }

    private static IssueRule rule(List<IssueRule> rules, String id) {
        return rules.stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
    }
}
