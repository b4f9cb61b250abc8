"""What the garble-score scripts share: ROC-AUC and a logistic regression with non-negative weights."""
import numpy as np


def auc(scores, labels):
    scores, labels = np.asarray(scores, float), np.asarray(labels, int)
    pos, neg = scores[labels == 1], scores[labels == 0]
    if len(pos) == 0 or len(neg) == 0:
        return float("nan")
    order = np.argsort(np.concatenate([pos, neg]), kind="mergesort")
    allv = np.concatenate([pos, neg])[order]
    ranks = np.empty(len(allv))
    i = 0
    while i < len(allv):
        j = i
        while j + 1 < len(allv) and allv[j + 1] == allv[i]:
            j += 1
        ranks[i:j + 1] = (i + j) / 2 + 1
        i = j + 1
    r = np.empty(len(allv))
    r[order] = ranks
    rp = r[:len(pos)].sum()
    return (rp - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))


def fit(X, y, l2=1.0, iters=50, balanced=True, sample_weight=None):
    """Logistic regression with L2 on standardised features, weights kept non-negative (every signal may
    only raise the score); returns raw-scale (bias, weights). balanced: classes weighted equally (a ranking);
    otherwise every record counts once, so that the output is a calibrated probability."""
    mu, sd = X.mean(0), X.std(0) + 1e-9
    Z = np.hstack([np.ones((len(X), 1)), (X - mu) / sd])
    pos = y > 0
    cw = np.where(pos, 0.5 / max(1, pos.sum()), 0.5 / max(1, (~pos).sum())) * len(y) if balanced else np.ones(len(y))
    if sample_weight is not None:
        cw = cw * np.asarray(sample_weight, float)
    w = np.zeros(Z.shape[1])
    reg = np.eye(Z.shape[1]) * l2
    reg[0, 0] = 0
    for _ in range(iters):
        p = 1 / (1 + np.exp(-Z @ w))
        g = Z.T @ (cw * (p - y)) + reg @ w
        H = (Z * (cw * p * (1 - p))[:, None]).T @ Z + reg
        w -= np.linalg.solve(H, g)
        w[1:] = np.maximum(w[1:], 0)
    weights = w[1:] / sd
    bias = w[0] - (w[1:] * mu / sd).sum()
    return bias, weights


def predict(bias, weights, X):
    return 1 / (1 + np.exp(-(bias + X @ weights)))
