package dev.hangar.gateway.port;

/**
 * One received queue message.
 *
 * @param receiptHandle handle used to delete the message
 * @param event the decoded event
 * @param receiveCount how many times the queue has handed this message out
 */
public record QueueMessage(String receiptHandle, QueuedJobEvent event, int receiveCount) {}
