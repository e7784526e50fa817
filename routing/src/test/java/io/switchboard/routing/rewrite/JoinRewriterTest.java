package io.switchboard.routing.rewrite;

import static io.switchboard.routing.rewrite.TestConfigs.rewrite;
import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.routing.params.Params;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JoinRewriterTest {

  @Test
  void passesEverythingThroughInOrderExceptRailsParamsAndTheChecksum() {
    JoinRewriter rewriter = new JoinRewriter(rewrite().build());
    Params request = Params.parse(
        "fullName=Ana+Mar%C3%ADa&format=xml&meetingID=m1&controller=c&action=join&role=MODERATOR&checksum=abc");
    assertThat(rewriter.rewrite(request).encode()).isEqualTo("fullName=Ana+Mar%C3%ADa&meetingID=m1&role=MODERATOR");
  }

  @Test
  void dropsTheExcludedParams() {
    JoinRewriter rewriter = new JoinRewriter(rewrite().joinExclude("test1", "test2").build());
    Params request = Params.parse("meetingID=m1&test1=&fullName=x&test2=");
    assertThat(rewriter.rewrite(request).encode()).isEqualTo("meetingID=m1&fullName=x");
  }

  @Test
  void keepsEmptyValuesWhenNothingIsExcluded() {
    JoinRewriter rewriter = new JoinRewriter(rewrite().build());
    assertThat(rewriter.rewrite(Params.parse("meetingID=m1&test1=&test2=")).encode())
        .isEqualTo("meetingID=m1&test1=&test2=");
  }

  @Test
  void theRequestBeatsTheDefaultsWhichComeFirst() {
    JoinRewriter rewriter = new JoinRewriter(rewrite().defaultJoin("param1", "not-param1", "param2", "param2").build());
    assertThat(rewriter.rewrite(Params.parse("meetingID=m1&param1=param1")).encode())
        .isEqualTo("param1=param1&param2=param2&meetingID=m1");
  }

  @Test
  void theOverridesBeatTheRequestInPlaceAndAppendTheRest() {
    JoinRewriter rewriter = new JoinRewriter(rewrite().overrideJoin("param1", "param1", "param2", "param2").build());
    assertThat(rewriter.rewrite(Params.parse("param1=not-param1&meetingID=m1")).encode())
        .isEqualTo("param1=param1&meetingID=m1&param2=param2");
  }

  @Test
  void excludedParamsCanStillComeFromTheConfig() {
    JoinRewriter rewriter = new JoinRewriter(rewrite().joinExclude("userdata-x").defaultJoin("userdata-x", "cfg").build());
    assertThat(rewriter.rewrite(Params.parse("meetingID=m1&userdata-x=client")).encode())
        .isEqualTo("userdata-x=cfg&meetingID=m1");
  }

  @Test
  void joinSettingsKeepAConfiguredServerTagAsScaleliteDoes() {
    JoinRewriter rewriter = new JoinRewriter(rewrite().overrideJoin("meta_server-tag", "gpu").build());
    assertThat(rewriter.rewrite(Params.parse("meetingID=m1")).encode()).isEqualTo("meetingID=m1&meta_server-tag=gpu");
  }

  @Test
  void tenantSettingsTakeScalelitesPlacesBetweenTheConfiguredOnes() {
    JoinRewriter rewriter = new JoinRewriter(rewrite()
        .defaultJoin("a", "config-default", "b", "config-default", "c", "config-default", "d", "config-default")
        .overrideJoin("d", "config-override", "e", "config-override")
        .build());
    TenantParams tenant = new TenantParams("t-1", "acme",
        Map.of("b", "tenant-default", "c", "tenant-default", "d", "tenant-default"),
        Map.of("e", "tenant-override", "f", "tenant-override"));
    assertThat(rewriter.rewrite(Params.parse("meetingID=m1&c=request&d=request&e=request"), Optional.of(tenant))
        .encode())
        .isEqualTo("a=config-default&b=tenant-default&c=request&d=config-override&meetingID=m1&e=tenant-override"
            + "&f=tenant-override");
  }

  @Test
  void aTenantJoinGetsNoTenantMetadata() {
    JoinRewriter rewriter = new JoinRewriter(rewrite().build());
    assertThat(rewriter.rewrite(Params.parse("meetingID=m1"), Optional.of(TenantParams.withoutSettings("t-1", "acme")))
        .encode())
        .isEqualTo("meetingID=m1");
  }
}
