package dev.hangar.gateway.agentapi;

/**
 * The verified fields of an EC2 instance identity document that Hangar uses.
 *
 * @param instanceId EC2 instance id
 * @param region AWS region of the instance
 * @param accountId AWS account owning the instance
 * @param pendingTime when this launch of the instance started (identifies the launch)
 * @param imageId AMI id
 * @param instanceType instance type
 * @param privateIp private IPv4 address
 */
public record IdentityDocument(
    String instanceId,
    String region,
    String accountId,
    String pendingTime,
    String imageId,
    String instanceType,
    String privateIp) {}
