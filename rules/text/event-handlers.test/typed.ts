// lambdafit-expect(typescript-event-types)
import type { SQSEvent } from "aws-lambda";

// lambdafit-expect(node-event-handler, typescript-event-types)
export const handler = async (event: SQSEvent): Promise<void> => {
  console.log(event.Records.length);
};
