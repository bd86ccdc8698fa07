package io.lakeloop.connect.personalize.client;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.personalizeevents.model.InvalidInputException;
import software.amazon.awssdk.services.personalizeevents.model.ResourceNotFoundException;

/** SDK exceptions as the client raises them. */
final class Errors {

    private Errors() {
    }

    static AwsServiceException status(int status, String code) {
        return status(status, code, code);
    }

    static AwsServiceException status(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    static InvalidInputException invalid(String message) {
        return (InvalidInputException) InvalidInputException.builder().statusCode(400).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidInputException").errorMessage(message)
                        .build()).build();
    }

    static ResourceNotFoundException notFound() {
        return (ResourceNotFoundException) ResourceNotFoundException.builder().statusCode(404).message("no tracker")
                .build();
    }

    static SdkClientException refused() {
        return SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new java.net.ConnectException("Connection refused")).build();
    }
}
