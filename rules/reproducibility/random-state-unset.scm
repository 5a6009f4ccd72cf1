;; id: NB206
;; name: random-state-unset
;; severity: warning
;; applies-to: both
;; message: A scikit-learn object that draws random numbers without `random_state`
;; kind: native
;;
;; ## What it does
;; Checks for calls of scikit-learn estimators, splitters and functions that draw random numbers
;; whose `random_state` is left unset (or `None`). Names are resolved through the file's imports
;; (anything imported from under `sklearn.`); the names covered are:
;;
;; - model selection: `train_test_split` (unless `shuffle=False`), `KFold`, `StratifiedKFold`
;;   and `GroupKFold` (only with `shuffle=True`), `ShuffleSplit`, `StratifiedShuffleSplit`,
;;   `GroupShuffleSplit`, `RepeatedKFold`, `RepeatedStratifiedKFold`, `RandomizedSearchCV`,
;;   `HalvingRandomSearchCV`;
;; - ensembles: `RandomForest*`, `ExtraTrees*`, `GradientBoosting*`, `HistGradientBoosting*`,
;;   `AdaBoost*`, `Bagging*` (classifier and regressor), `IsolationForest`,
;;   `RandomTreesEmbedding`;
;; - trees: `DecisionTreeClassifier`, `DecisionTreeRegressor`, `ExtraTreeClassifier`,
;;   `ExtraTreeRegressor`;
;; - clustering and mixtures: `KMeans`, `MiniBatchKMeans`, `BisectingKMeans`,
;;   `SpectralClustering`, `GaussianMixture`, `BayesianGaussianMixture`;
;; - embeddings and decompositions: `TSNE`, `MDS`, `TruncatedSVD`, `LatentDirichletAllocation`,
;;   `FastICA`, `RBFSampler`, `Nystroem`, `GaussianRandomProjection`, `SparseRandomProjection`;
;; - neural networks and SGD: `MLPClassifier`, `MLPRegressor`, `BernoulliRBM`, `SGDClassifier`,
;;   `SGDRegressor`, `Perceptron`, `PassiveAggressiveClassifier`, `RANSACRegressor`;
;; - data: `make_classification`, `make_regression`, `make_blobs`, `permutation_importance`.
;;
;; Not reported: calls inside a function (or lambda) of a `.py` module (the caller may seed
;; numpy's global generator, which `random_state=None` uses), calls passing `**params` (which
;; may carry it), and every call in a file that
;; seeds numpy's global generator (`np.random.seed(x)` or a seed helper, see `unseeded-random`),
;; because `random_state=None` draws from that generator. Estimators whose default settings are
;; deterministic (`LogisticRegression`, `PCA`, `SVC`) are not in the list.
;;
;; ## Why is this bad?
;; With `random_state=None` every run splits the data differently and fits a different model:
;; scores move between runs, and a change cannot be told from noise.
;;
;; ## Example
;; ```python
;; X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)
;; model = RandomForestClassifier(n_estimators=200).fit(X_train, y_train)
;; ```
;;
;; ## Use instead
;; ```python
;; SEED = 42
;; X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=SEED)
;; model = RandomForestClassifier(n_estimators=200, random_state=SEED).fit(X_train, y_train)
;; ```
