'use strict';

// The entry point of an evaluation worker thread (see EvaluatorPool).
require('./loadPackage').loadWorker().runEvaluationWorker();
