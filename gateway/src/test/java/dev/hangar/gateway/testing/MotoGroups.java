package dev.hangar.gateway.testing;

import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;

/** Creates runner groups in moto: a launch template and an Auto Scaling group on it. */
public final class MotoGroups {
  /** An AMI id moto knows. */
  public static final String AMI = "ami-12c6146b";

  private MotoGroups() {}

  /** Creates the launch template {@code name}-lt and the group {@code name}, desired 0. */
  public static void create(
      Ec2AsyncClient ec2, AutoScalingAsyncClient autoscaling, String name, int min, int max) {
    try {
      ec2.createLaunchTemplate(
              r ->
                  r.launchTemplateName(name + "-lt")
                      .launchTemplateData(d -> d.imageId(AMI).instanceType("t3.micro")))
          .get(30, TimeUnit.SECONDS);
      autoscaling
          .createAutoScalingGroup(
              r ->
                  r.autoScalingGroupName(name)
                      .launchTemplate(t -> t.launchTemplateName(name + "-lt").version("$Latest"))
                      .minSize(min)
                      .maxSize(max)
                      .desiredCapacity(min)
                      .availabilityZones("us-east-1a"))
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create group " + name + " in moto", e);
    }
  }
}
