import type { SQSEvent } from "aws-lambda";

// lambdafit-expect(node-event-handler) lambdafit-expect(typescript-event-types)
export const handler = async (event: SQSEvent): Promise<void> => {
  console.log(event.Records.length);
};

type SQSEventLike = { id: string };  // lambdafit-expect-not(typescript-event-types)
