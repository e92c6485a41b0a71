export {
  SAGA_REPLY_TYPES,
  decide,
  isSagaReply,
  type Decision,
  type SagaCommand,
  type SagaEvent,
  type SagaReply,
  type SagaState,
  type SagaStatus,
  type SagaStep,
} from './decide.ts';
